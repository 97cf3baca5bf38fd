/**
 * Read queries over vault entries. Every query names the owner's account id: there is no
 * query over vault_entries without it, so no path lists, counts or opens another
 * account's entries.
 *
 * Listing is one SQLite query: search matches the stored folded search text, sort uses the
 * stored sort keys (the default order straight from an index), and an entry's state is
 * computed in SQL from its link and the cluster user's present credential version. Nothing
 * is decrypted and no per-entry work beyond building the answer happens in JavaScript.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { ClusterRole } from '@shared/domain'
import type { VaultEntryDetail, VaultEntryOrigin, VaultEntrySummary } from '@shared/ipc/contract'
import { VAULT_LIMITS, VAULT_STATE_SORT_ORDER, type VaultEntryState, type VaultSortKey } from '@shared/policy/vault'
import type { SealedField } from './vaultCrypto'
import { parseTags } from './vaultKeys'

export type VaultLink = 'linked' | 'mismatch' | 'unlinked'

/** One entry's row, with its cluster's name, the cluster user's present version and its state. */
export interface EntryRow {
  id: string
  account_id: string
  title: string
  username: string
  cluster_id: string | null
  cluster_name: string | null
  endpoint: string
  cluster_role: ClusterRole | null
  tags: string
  origin: VaultEntryOrigin
  link: VaultLink
  credential_version: number | null
  state: VaultEntryState
  source_event: 'created' | 'reset' | null
  source_by_name: string | null
  source_at: number | null
  format_version: number
  password_nonce: Uint8Array
  password_sealed: Uint8Array
  notes_nonce: Uint8Array | null
  notes_sealed: Uint8Array | null
  history_nonce: Uint8Array | null
  history_sealed: Uint8Array | null
  history_count: number
  /** JSON array of ms, newest first; null until known in clear (see migration 7). */
  history_dates: string | null
  created_at: number
  updated_at: number
}

export interface ListQuery {
  /** Folded terms (parseVaultQuery); an entry matches when its search text contains every one. */
  terms: readonly string[]
  state: VaultEntryState | undefined
  sort: { by: VaultSortKey; direction: 'asc' | 'desc' }
}

/** What the import planner compares a backup's entries with. */
export interface MatchCandidate {
  id: string
  title: string
  username: string
  endpoint: string
  updated_at: number
}

type ListRow = [
  id: string,
  title: string,
  username: string,
  clusterName: string | null,
  endpoint: string,
  tags: string,
  state: VaultEntryState,
]

const JOINS = `
  LEFT JOIN clusters c ON c.id = e.cluster_id
  LEFT JOIN cluster_users u ON u.cluster_id = e.cluster_id AND u.username = e.username`

/** Staleness from metadata alone (no secret is opened to decide it): the one definition of an entry's state. */
const STATE_SQL = `(CASE
  WHEN e.link = 'unlinked' THEN 'unlinked'
  WHEN u.credential_version IS NULL THEN 'orphaned'
  WHEN e.link = 'mismatch' OR e.credential_version IS NOT u.credential_version THEN 'outdated'
  ELSE 'current' END)`

const STATE_RANK_SQL = `(CASE ${STATE_SQL} ${VAULT_STATE_SORT_ORDER.map((state, rank) => `WHEN '${state}' THEN ${rank}`).join(' ')} END)`

/** Sort columns per sort key; ties go by title, then id, so the order is always the same. */
const ORDER_COLUMNS: Record<VaultSortKey, string[]> = {
  title: ['e.title_key'],
  username: ['e.username_key', 'e.title_key'],
  cluster: ['e.cluster_key', 'e.title_key'],
  endpoint: ['e.endpoint_key', 'e.title_key'],
  state: [STATE_RANK_SQL, 'e.title_key'],
  updatedAt: ['e.updated_at', 'e.title_key'],
  createdAt: ['e.created_at', 'e.title_key'],
}

/** Searches with more terms than this are rare; their statements are prepared and not kept. */
const CACHED_TERMS_MAX = 8

export class VaultRecords {
  readonly #db: BetterSqlite3.Database
  readonly #one: BetterSqlite3.Statement<[string, string], EntryRow>
  readonly #count: BetterSqlite3.Statement<[string], { n: number }>
  readonly #attention: BetterSqlite3.Statement<[string], { outdated: number | null; orphaned: number | null }>
  readonly #ids: BetterSqlite3.Statement<[string], string>
  readonly #candidates: BetterSqlite3.Statement<[string], MatchCandidate>
  readonly #unknownHistoryDates: BetterSqlite3.Statement<[string], EntryRow>
  readonly #listStatements = new Map<string, BetterSqlite3.Statement<unknown[], ListRow>>()

  constructor(db: BetterSqlite3.Database) {
    this.#db = db
    const oneColumns = `e.*, c.name AS cluster_name, COALESCE(u.role, e.cluster_role) AS cluster_role, ${STATE_SQL} AS state`
    this.#one = db.prepare(`SELECT ${oneColumns} FROM vault_entries e ${JOINS} WHERE e.account_id = ? AND e.id = ?`)
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM vault_entries WHERE account_id = ?')
    // Only linked entries can be outdated or orphaned; a partial index holds just those.
    this.#attention = db.prepare(
      `SELECT SUM(state = 'outdated') AS outdated, SUM(state = 'orphaned') AS orphaned FROM (
         SELECT ${STATE_SQL} AS state FROM vault_entries e
         LEFT JOIN cluster_users u ON u.cluster_id = e.cluster_id AND u.username = e.username
         WHERE e.account_id = ? AND e.link != 'unlinked')`,
    )
    this.#ids = db.prepare<[string], string>('SELECT id FROM vault_entries WHERE account_id = ? ORDER BY title_key, id').pluck()
    this.#candidates = db.prepare('SELECT id, title, username, endpoint, updated_at FROM vault_entries WHERE account_id = ?')
    this.#unknownHistoryDates = db.prepare(
      `SELECT ${oneColumns} FROM vault_entries e ${JOINS} WHERE e.account_id = ? AND e.history_dates IS NULL`,
    )
  }

  /** The entries that match, in order, as the Vault screen lists them. */
  list(accountId: string, query: ListQuery): VaultEntrySummary[] {
    const parameters: unknown[] = [accountId]
    if (query.state) parameters.push(query.state)
    parameters.push(...query.terms)
    return this.#listStatement(query)
      .all(...parameters)
      .map(toSummary)
  }

  count(accountId: string): number {
    return this.#count.get(accountId)?.n ?? 0
  }

  /** Outdated and orphaned entries in the whole vault. */
  attention(accountId: string): { outdated: number; orphaned: number } {
    const row = this.#attention.get(accountId)
    return { outdated: row?.outdated ?? 0, orphaned: row?.orphaned ?? 0 }
  }

  find(accountId: string, entryId: string): EntryRow | undefined {
    return this.#one.get(accountId, entryId)
  }

  /** Every entry id, in title order. */
  ids(accountId: string): string[] {
    return this.#ids.all(accountId)
  }

  matchCandidates(accountId: string): MatchCandidate[] {
    return this.#candidates.all(accountId)
  }

  /** Entries with earlier passwords whose dates are not yet kept in clear (written before schema 7). */
  withUnknownHistoryDates(accountId: string): EntryRow[] {
    return this.#unknownHistoryDates.all(accountId)
  }

  #listStatement(query: ListQuery): BetterSqlite3.Statement<unknown[], ListRow> {
    const key = `${query.sort.by} ${query.sort.direction} ${query.state ? 'state' : 'all'} ${query.terms.length}`
    const cached = this.#listStatements.get(key)
    if (cached) return cached
    const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC'
    const where = [
      'e.account_id = ?',
      ...(query.state ? [`${STATE_SQL} = ?`] : []),
      ...query.terms.map(() => 'instr(e.search_text, ?) > 0'),
    ]
    const order = [...ORDER_COLUMNS[query.sort.by], 'e.id'].map((column) => `${column} ${direction}`)
    const statement = this.#db
      .prepare<unknown[], ListRow>(
        `SELECT e.id, e.title, e.username, c.name, e.endpoint, e.tags, ${STATE_SQL}
         FROM vault_entries e ${JOINS}
         WHERE ${where.join(' AND ')}
         ORDER BY ${order.join(', ')}`,
      )
      .raw()
    if (query.terms.length <= CACHED_TERMS_MAX) this.#listStatements.set(key, statement)
    return statement
  }
}

function toSummary(row: ListRow): VaultEntrySummary {
  return { id: row[0], title: row[1], username: row[2], clusterName: row[3], endpoint: row[4], tags: parseTags(row[5]), state: row[6] }
}

/** The clear history dates of an entry; null for each date not known in clear. */
export function historyDates(row: Pick<EntryRow, 'history_count' | 'history_dates'>): (number | null)[] {
  let dates: unknown = null
  try {
    dates = row.history_dates === null ? null : JSON.parse(row.history_dates)
  } catch {
    dates = null
  }
  const count = Math.min(row.history_count, VAULT_LIMITS.historyKept)
  return Array.from({ length: count }, (_, index) => {
    const date = Array.isArray(dates) ? (dates[index] as unknown) : null
    return typeof date === 'number' && Number.isSafeInteger(date) && date >= 0 ? date : null
  })
}

export function toDetail(row: EntryRow): VaultEntryDetail {
  return {
    id: row.id,
    title: row.title,
    username: row.username,
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    endpoint: row.endpoint,
    clusterRole: row.cluster_role,
    tags: parseTags(row.tags),
    state: row.state,
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    source:
      row.source_event && row.source_by_name !== null && row.source_at !== null
        ? { event: row.source_event, byName: row.source_by_name, at: row.source_at }
        : null,
    credentialVersion: row.link === 'linked' ? row.credential_version : null,
    hasNotes: row.notes_sealed !== null,
    historyCount: row.history_count,
    history: historyDates(row).map((replacedAt, index) => ({ index: index + 1, replacedAt })),
  }
}

export function sealedOf(row: EntryRow, field: 'password' | 'notes' | 'history'): SealedField | null {
  const nonce = row[`${field}_nonce`]
  const sealed = row[`${field}_sealed`]
  return nonce && sealed ? { nonce: new Uint8Array(nonce), sealed: new Uint8Array(sealed) } : null
}

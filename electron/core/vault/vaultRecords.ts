/**
 * Read queries over vault entries. Every query names the owner's account id: there is no
 * query over vault_entries without it, so no path lists, counts or opens another
 * account's entries.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { ClusterRole } from '@shared/domain'
import type { VaultEntryDetail, VaultEntryOrigin, VaultEntrySummary } from '@shared/ipc/contract'
import type { VaultEntryState } from '@shared/policy/vault'
import type { SealedField } from './vaultCrypto'

export type VaultLink = 'linked' | 'mismatch' | 'unlinked'

/** The clear metadata of one entry, joined with what staleness needs. */
export interface EntryMetaRow {
  id: string
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
  /** The cluster user's present version; null when the user no longer exists. */
  current_version: number | null
  created_at: number
  updated_at: number
}

export interface EntryRow extends EntryMetaRow {
  account_id: string
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
}

const META_COLUMNS = `
  e.id, e.title, e.username, e.cluster_id, c.name AS cluster_name, e.endpoint,
  COALESCE(u.role, e.cluster_role) AS cluster_role, e.tags, e.origin, e.link, e.credential_version,
  u.credential_version AS current_version, e.created_at, e.updated_at`

const FROM_ENTRIES = `
  FROM vault_entries e
  LEFT JOIN clusters c ON c.id = e.cluster_id
  LEFT JOIN cluster_users u ON u.cluster_id = e.cluster_id AND u.username = e.username`

export class VaultRecords {
  readonly #list: BetterSqlite3.Statement<[string], EntryMetaRow>
  readonly #one: BetterSqlite3.Statement<[string, string], EntryRow>
  readonly #count: BetterSqlite3.Statement<[string], { n: number }>

  constructor(db: BetterSqlite3.Database) {
    this.#list = db.prepare(`SELECT ${META_COLUMNS} ${FROM_ENTRIES} WHERE e.account_id = ?`)
    this.#one = db.prepare(`SELECT e.*, ${META_COLUMNS} ${FROM_ENTRIES} WHERE e.account_id = ? AND e.id = ?`)
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM vault_entries WHERE account_id = ?')
  }

  listMeta(accountId: string): EntryMetaRow[] {
    return this.#list.all(accountId)
  }

  find(accountId: string, entryId: string): EntryRow | undefined {
    return this.#one.get(accountId, entryId)
  }

  count(accountId: string): number {
    return this.#count.get(accountId)?.n ?? 0
  }
}

/** Staleness from metadata alone: no secret is opened to decide it. */
export function entryState(row: Pick<EntryMetaRow, 'link' | 'credential_version' | 'current_version'>): VaultEntryState {
  if (row.link === 'unlinked') return 'unlinked'
  if (row.current_version === null) return 'orphaned'
  if (row.link === 'mismatch' || row.credential_version !== row.current_version) return 'outdated'
  return 'current'
}

export function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : []
  } catch {
    return []
  }
}

export function toSummary(row: EntryMetaRow): VaultEntrySummary {
  return {
    id: row.id,
    title: row.title,
    username: row.username,
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    endpoint: row.endpoint,
    clusterRole: row.cluster_role,
    tags: parseTags(row.tags),
    state: entryState(row),
    origin: row.origin,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toDetail(row: EntryRow): VaultEntryDetail {
  return {
    ...toSummary(row),
    source:
      row.source_event && row.source_by_name !== null && row.source_at !== null
        ? { event: row.source_event, byName: row.source_by_name, at: row.source_at }
        : null,
    credentialVersion: row.link === 'linked' ? row.credential_version : null,
    hasNotes: row.notes_sealed !== null,
    historyCount: row.history_count,
  }
}

export function sealedOf(row: EntryRow, field: 'password' | 'notes' | 'history'): SealedField | null {
  const nonce = row[`${field}_nonce`]
  const sealed = row[`${field}_sealed`]
  return nonce && sealed ? { nonce: new Uint8Array(nonce), sealed: new Uint8Array(sealed) } : null
}

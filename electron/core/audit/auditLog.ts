/**
 * Append-only, hash-chained audit log. Each row's hash is BLAKE2b-256 over the previous
 * row's hash and the row's canonical encoding (id and time included), starting from 32
 * zero bytes, so changing, inserting or deleting any row breaks the chain from there on.
 * Rows name who did what to which target and how it ended; never a password, ticket,
 * code or key. Triggers forbid UPDATE and DELETE; the chain catches anyone who bypasses them.
 *
 * Someone holding the file can recompute the whole chain, so its head is also anchored:
 * while a holder of the audit key (see auditKey.ts) is signed in, every row they write
 * moves `audit_anchor` to the new head with a MAC under that key. Rows written while no
 * holder is signed in (refused sign-ins) are vouched for by the next keyed row, after a
 * check that they chain correctly and name no key holder as actor (a key holder's own
 * rows are always keyed). Verification checks the MAC, and optionally a head receipt
 * (receipt.ts) kept outside the app, which also catches rolling the whole file back.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError, type ErrorCode } from '@shared/errors'
import { AUDIT_ACTION_LABELS, storedCodesFor, type AuditAction } from '@shared/audit/actions'
import type { AuditFilter, AuditRow } from '@shared/ipc/contract'
import type { Sodium } from '../crypto/sodium'
import type { Actor } from '../session'
import { authorize, loadActorRoles } from '../authz/authorize'
import { headMac, workspaceHasAuditKey } from './auditKey'
import { asHashedBeforeV4, chainInput, wellFormedText, type ChainedFields, type StoredChainedFields } from './canonical'
import { csvLine } from './csv'
import { formatReceipt, parseReceipt, RECEIPT_HASH_BYTES, type Receipt } from './receipt'

export const AUDIT_HASH_BYTES = 32
const GENESIS_HASH = new Uint8Array(AUDIT_HASH_BYTES)
const MAX_SAFE = Number.MAX_SAFE_INTEGER

export interface AuditEntry {
  actor: Actor | null
  action: AuditAction
  target: string
  clusterId?: string | null
  outcome: 'allowed' | 'denied'
  errorCode?: ErrorCode | null
}

export interface AuditLogDeps {
  db: BetterSqlite3.Database
  sodium: Sodium
  clock: () => number
}

/**
 * - verified: the keyed head's MAC checks out under this session's audit key and matches the chain;
 * - not_checked: this account holds no audit key (or the chain broke before the head), so only the hash was compared;
 * - broken: the head does not match the chain (rows up to it were rewritten, truncated or wiped) or its MAC is wrong;
 * - missing: the workspace has an audit key but its head record is gone;
 * - none: no audit key yet (a workspace from before version 4 that nobody has signed in to since).
 */
export type AnchorStatus = 'verified' | 'not_checked' | 'broken' | 'missing' | 'none'
export type ReceiptStatus = 'matches' | 'mismatch' | 'missing' | 'not_checked'

export interface ChainVerification {
  ok: boolean
  checkedRows: number
  firstBrokenRowId: number | null
  anchor: { status: AnchorStatus; rowId: number | null }
  /** Rows after the keyed head: written while no key holder was signed in, vouched for at the next keyed row. */
  unkeyedRows: number | null
  receipt: { rowId: number; status: ReceiptStatus } | null
  /** A receipt for the newest row, when the chain is intact. */
  headReceipt: string | null
}

/** A row as stored, every column checked for its type, text as its stored UTF-8 bytes. */
interface StoredRow {
  row_id: number | null
  at: number | null
  actor_id: Uint8Array | null
  actor_id_type: string
  actor_name: Uint8Array | null
  actor_name_type: string
  action: Uint8Array | null
  action_type: string
  target: Uint8Array | null
  target_type: string
  cluster_id: Uint8Array | null
  cluster_id_type: string
  outcome: Uint8Array | null
  outcome_type: string
  error_code: Uint8Array | null
  error_code_type: string
  prev_hash: Uint8Array | null
  row_hash: Uint8Array | null
}

const TEXT_COLUMNS = ['actor_id', 'actor_name', 'action', 'target', 'cluster_id', 'outcome', 'error_code'] as const
const NULLABLE = new Set(['actor_id', 'actor_name', 'cluster_id', 'error_code'])

/** Reads rows for hashing: integers only when they are integers in JavaScript's safe range, text as bytes. */
const STORED_ROWS_SQL = `
  SELECT CASE WHEN id <= ${MAX_SAFE} THEN id END AS row_id,
    CASE WHEN typeof(at) = 'integer' AND at BETWEEN -${MAX_SAFE} AND ${MAX_SAFE} THEN at END AS at,
    ${TEXT_COLUMNS.map((column) => `typeof(${column}) AS ${column}_type, CAST(${column} AS BLOB) AS ${column}`).join(',\n    ')},
    CASE WHEN typeof(prev_hash) = 'blob' THEN prev_hash END AS prev_hash,
    CASE WHEN typeof(row_hash) = 'blob' THEN row_hash END AS row_hash
  FROM audit_log WHERE audit_log.id >= ? ORDER BY audit_log.id`

/** Reads rows for display: whatever a damaged row holds is shown as text, never thrown on. */
const LISTED_COLUMNS = `id,
    CASE WHEN typeof(at) = 'integer' AND at BETWEEN 0 AND 8640000000000000 THEN at END AS at,
    CAST(actor_id AS TEXT) AS actor_id, CAST(actor_name AS TEXT) AS actor_name, CAST(action AS TEXT) AS action,
    CAST(target AS TEXT) AS target, CAST(cluster_id AS TEXT) AS cluster_id, CAST(outcome AS TEXT) AS outcome,
    CAST(error_code AS TEXT) AS error_code,
    CASE WHEN typeof(prev_hash) = 'blob' THEN hex(prev_hash) END AS prev_hash,
    CASE WHEN typeof(row_hash) = 'blob' THEN hex(row_hash) END AS row_hash,
    (typeof(at) = 'integer' AND at BETWEEN 0 AND 8640000000000000 AND typeof(actor_id) IN ('text', 'null') AND typeof(actor_name) IN ('text', 'null')
      AND typeof(action) = 'text' AND typeof(target) = 'text' AND typeof(cluster_id) IN ('text', 'null')
      AND typeof(outcome) = 'text' AND outcome IN ('allowed', 'denied') AND typeof(error_code) IN ('text', 'null')
      AND typeof(prev_hash) = 'blob' AND typeof(row_hash) = 'blob') AS well_typed`

interface ListedRow {
  id: number
  at: number | null
  actor_id: string | null
  actor_name: string | null
  action: string | null
  target: string | null
  cluster_id: string | null
  outcome: string | null
  error_code: string | null
  prev_hash: string | null
  row_hash: string | null
  well_typed: number
}

interface Anchor {
  rowId: number
  rowHash: Uint8Array
  mac: Uint8Array
}

const decoder = new TextDecoder()

export class AuditLog {
  readonly #db: BetterSqlite3.Database
  readonly #sodium: Sodium
  readonly #clock: () => number
  readonly #statements: ReturnType<typeof prepareStatements>
  readonly #append: BetterSqlite3.Transaction<(entry: AuditEntry) => void>
  /** The audit key of the signed-in account, when it holds one; wiped by forgetKey. */
  #key: Uint8Array | null = null
  /** Set for a key made just now (new workspace, first sign-in after upgrading): it may create the anchor. */
  #mayCreateAnchor = false

  constructor(deps: AuditLogDeps) {
    this.#db = deps.db
    this.#sodium = deps.sodium
    this.#clock = deps.clock
    this.#statements = prepareStatements(deps.db)
    this.#append = deps.db.transaction((entry: AuditEntry) => this.#appendRow(entry))
  }

  /**
   * From now on every row is keyed with `auditKey` (which this log now owns and wipes).
   * `created`: the key was made just now, so there is no anchor yet and this may create it.
   */
  useKey(auditKey: Uint8Array, options: { created?: boolean } = {}): void {
    this.forgetKey()
    this.#key = auditKey
    this.#mayCreateAnchor = options.created === true
  }

  /** A copy of the current audit key (to wrap it for someone else), or null. The caller wipes it. */
  copyKey(): Uint8Array | null {
    return this.#key ? Uint8Array.from(this.#key) : null
  }

  forgetKey(): void {
    if (this.#key) this.#sodium.memzero(this.#key)
    this.#key = null
    this.#mayCreateAnchor = false
  }

  /**
   * Appends one row. Runs in its own (possibly nested) transaction: inside a service's
   * transaction it commits or rolls back with the action; after a rollback it stands alone.
   */
  record(entry: AuditEntry): void {
    this.#append.immediate(entry)
  }

  #appendRow(entry: AuditEntry): void {
    const last = this.#statements.last.get()
    const fields: ChainedFields = {
      id: Math.max(last?.id ?? 0, this.#highestIdEverIssued()) + 1,
      at: this.#clock(),
      actorId: optionalText(entry.actor?.accountId),
      actorName: optionalText(entry.actor?.displayName),
      action: wellFormedText(entry.action),
      target: wellFormedText(entry.target),
      clusterId: optionalText(entry.clusterId),
      outcome: entry.outcome,
      errorCode: optionalText(entry.errorCode),
    }
    const prevHash = last?.row_hash instanceof Uint8Array ? new Uint8Array(last.row_hash) : GENESIS_HASH
    const rowHash = this.chainHash(prevHash, fields)
    this.#statements.insert.run({ ...fields, prevHash, rowHash })
    if (this.#key) this.#advanceAnchor(this.#key, fields.id, rowHash)
  }

  /**
   * Moves the keyed head to the row just written, but only if the current head still
   * matches the chain under a valid MAC and every row since chains correctly and names no
   * key holder. Otherwise the head stays where it is, so verification keeps showing the break.
   */
  #advanceAnchor(key: Uint8Array, rowId: number, rowHash: Uint8Array): void {
    const now = this.#clock()
    const mac = headMac(this.#sodium, key, rowId, rowHash)
    const stored = this.#statements.anchor.get()
    if (!stored) {
      if (!this.#mayCreateAnchor) return
      this.#statements.createAnchor.run(rowId, rowHash, mac, now)
      this.#mayCreateAnchor = false
      return
    }
    const anchor = toAnchor(stored)
    if (!anchor || !this.#sodium.memcmp(anchor.mac, headMac(this.#sodium, key, anchor.rowId, anchor.rowHash))) return
    const walk = this.#walk(anchor.rowId, {
      previousHash: null,
      expectedId: anchor.rowId,
      unkeyedAfter: anchor.rowId,
      unkeyedBefore: rowId,
      holders: this.#keyHolders(),
      watch: new Set([anchor.rowId]),
    })
    if (walk.brokenAt !== null || walk.hashes.get(anchor.rowId) === undefined || !equalBytes(walk.hashes.get(anchor.rowId)!, anchor.rowHash)) return
    if (walk.lastId !== rowId) return
    this.#statements.moveAnchor.run(rowId, rowHash, mac, now)
  }

  chainHash(prevHash: Uint8Array, fields: ChainedFields | StoredChainedFields): Uint8Array {
    return this.#sodium.crypto_generichash(AUDIT_HASH_BYTES, chainInput(prevHash, fields), null)
  }

  /** Newest first, `limit` rows older than `beforeId`. Organization Owners only. */
  list(actor: Actor, filter: AuditFilter, limit: number, beforeId?: number): { rows: AuditRow[]; hasMore: boolean } {
    this.#authorizeView(actor, 'audit.list')
    const query = listQuery(filter, limit + 1, beforeId)
    const stored = this.#db.prepare<unknown[], ListedRow>(query.sql).all(...query.params)
    return { rows: stored.slice(0, limit).map(toAuditRow), hasMore: stored.length > limit }
  }

  /**
   * Every matching row, oldest first, as RFC 4180 CSV with each row's `prev_hash` and
   * `row_hash` (hex) and its time in milliseconds, so the chain can be checked outside
   * the app (docs/audit-csv.md). The export itself is audited.
   */
  exportCsv(actor: Actor, filter: AuditFilter): string {
    this.#authorizeView(actor, 'audit.export')
    const { where, params } = filterClause(filter)
    const lines = [csvLine(['id', 'time', 'at_ms', 'actor_id', 'actor', 'action', 'target', 'cluster_id', 'outcome', 'error_code', 'prev_hash', 'row_hash'])]
    for (const row of this.#db.prepare<unknown[], ListedRow>(`SELECT ${LISTED_COLUMNS} FROM audit_log ${where} ORDER BY id`).iterate(...params)) {
      const text = (value: string | null) => (value === null ? null : wellFormedText(value))
      lines.push(
        csvLine([
          row.id,
          row.at === null ? null : new Date(row.at).toISOString(),
          row.at,
          text(row.actor_id),
          text(row.actor_name),
          text(row.action),
          text(row.target),
          text(row.cluster_id),
          text(row.outcome),
          text(row.error_code),
          row.prev_hash?.toLowerCase() ?? null,
          row.row_hash?.toLowerCase() ?? null,
        ]),
      )
    }
    this.record({ actor, action: 'audit.export', target: 'audit log', outcome: 'allowed' })
    return lines.join('\r\n') + '\r\n'
  }

  /**
   * Checks the chain, its keyed head and, when given, a receipt, for an actor allowed to
   * view the log; the check is audited after it runs. A receipt that is not one is
   * INVALID_INPUT (audited as refused).
   */
  verify(actor: Actor, receiptText?: string): ChainVerification {
    this.#authorizeView(actor, 'audit.verify')
    let receipt: Receipt | undefined
    if (receiptText !== undefined) {
      const parsed = parseReceipt(receiptText)
      if (!parsed) {
        this.record({ actor, action: 'audit.verify', target: 'receipt check', outcome: 'denied', errorCode: 'INVALID_INPUT' })
        throw new AppError('INVALID_INPUT', 'That is not an audit receipt. A receipt looks like 1234-7KQ2-MXR4-PA9H-D3TZ.', { field: 'receipt' })
      }
      receipt = parsed
    }
    const result = this.verifyChain(receipt)
    this.record({ actor, action: 'audit.verify', target: describeVerification(result), outcome: 'allowed' })
    return result
  }

  /**
   * Walks every row in id order without loading the table into memory. Ids must be
   * contiguous, each prev_hash must equal the previous row_hash, and each row_hash must
   * match the recomputed one; the highest id ever issued (sqlite_sequence) must be present,
   * so deleting the newest rows is caught too. Then the keyed head and the receipt.
   * Never throws on what the file holds: a damaged row is named, not reported as INTERNAL.
   */
  verifyChain(receipt?: Receipt): ChainVerification {
    const storedAnchor = this.#statements.anchor.get()
    const anchor = storedAnchor ? toAnchor(storedAnchor) : null
    const watch = [anchor?.rowId, receipt?.rowId].filter((id): id is number => id !== undefined)
    const walk = this.#walk(1, {
      previousHash: GENESIS_HASH,
      expectedId: 1,
      unkeyedAfter: anchor?.rowId ?? null,
      unkeyedBefore: Infinity,
      holders: this.#keyHolders(),
      watch: new Set(watch),
    })
    const broken: number[] = walk.brokenAt === null ? [] : [walk.brokenAt]
    if (walk.brokenAt === null && this.#highestIdEverIssued() > walk.lastId) broken.push(walk.lastId + 1)
    const chainIntactTo = broken.length ? Math.min(...broken) - 1 : walk.lastId

    let anchorStatus: AnchorStatus
    if (!storedAnchor) anchorStatus = workspaceHasAuditKey(this.#db) ? 'missing' : 'none'
    else if (!anchor) anchorStatus = 'broken'
    else if (anchor.rowId > chainIntactTo) anchorStatus = broken.length ? 'not_checked' : 'broken'
    else if (!equalBytes(walk.hashes.get(anchor.rowId)!, anchor.rowHash)) anchorStatus = 'broken'
    else if (!this.#key) anchorStatus = 'not_checked'
    else anchorStatus = this.#sodium.memcmp(anchor.mac, headMac(this.#sodium, this.#key, anchor.rowId, anchor.rowHash)) ? 'verified' : 'broken'
    if (anchorStatus === 'broken' || anchorStatus === 'missing') {
      // A recomputed chain cannot say where it was changed: nothing up to the head can be trusted.
      // A head beyond the last row means rows were cut off: the first missing one is named.
      broken.push(anchor && anchor.rowId > walk.lastId && walk.brokenAt === null ? walk.lastId + 1 : 1)
    }

    let receiptResult: ChainVerification['receipt'] = null
    if (receipt) {
      let status: ReceiptStatus
      if (receipt.rowId > walk.lastId && walk.brokenAt === null) status = 'missing'
      else if (receipt.rowId > chainIntactTo) status = 'not_checked'
      else status = equalBytes(walk.hashes.get(receipt.rowId)!.subarray(0, RECEIPT_HASH_BYTES), receipt.hashPrefix) ? 'matches' : 'mismatch'
      if (status === 'missing') broken.push(walk.lastId + 1)
      if (status === 'mismatch') broken.push(1)
      receiptResult = { rowId: receipt.rowId, status }
    }

    const firstBrokenRowId = broken.length ? Math.min(...broken) : null
    const ok = firstBrokenRowId === null
    return {
      ok,
      checkedRows: ok ? walk.checkedRows : Math.min(walk.checkedRows, firstBrokenRowId - 1),
      firstBrokenRowId,
      anchor: { status: anchorStatus, rowId: anchor?.rowId ?? null },
      unkeyedRows: anchor && anchor.rowId <= walk.lastId ? walk.lastId - anchor.rowId : null,
      receipt: receiptResult,
      headReceipt: ok && walk.lastId > 0 ? formatReceipt(walk.lastId, walk.lastHash) : null,
    }
  }

  /**
   * Checks rows from `fromId` on. With `previousHash` null, the first row is taken as given
   * (its hash is only recorded). Rows after `unkeyedAfter` and before `unkeyedBefore` were
   * written unkeyed, so they must not name a key holder as actor.
   */
  #walk(
    fromId: number,
    options: {
      previousHash: Uint8Array | null
      expectedId: number
      unkeyedAfter: number | null
      unkeyedBefore: number
      holders: Set<string>
      /** Rows whose hash the caller needs back. */
      watch: Set<number>
    },
  ): { brokenAt: number | null; checkedRows: number; lastId: number; lastHash: Uint8Array; hashes: Map<number, Uint8Array> } {
    let previousHash = options.previousHash
    let expectedId = options.expectedId
    let checkedRows = 0
    let lastId = fromId - 1
    let lastHash = previousHash ?? GENESIS_HASH
    const hashes = new Map<number, Uint8Array>()
    for (const row of this.#statements.stored.iterate(fromId)) {
      const id = row.row_id
      const fields = id === expectedId ? storedFields(row) : null
      let intact = fields !== null && row.row_hash !== null && row.row_hash.length === AUDIT_HASH_BYTES
      if (intact && previousHash !== null) {
        intact = equalBytes(row.prev_hash, previousHash) && this.#hashMatches(previousHash, fields!, row.row_hash!)
      }
      if (intact && options.unkeyedAfter !== null && id! > options.unkeyedAfter && id! < options.unkeyedBefore && row.actor_id !== null) {
        intact = !options.holders.has(decoder.decode(row.actor_id))
      }
      if (!intact) {
        // Returning from for-of closes the statement's iterator.
        return { brokenAt: id === null ? expectedId : Math.min(id, expectedId), checkedRows, lastId, lastHash, hashes }
      }
      checkedRows++
      previousHash = row.row_hash!
      lastId = id!
      lastHash = previousHash
      expectedId = id! + 1
      if (options.watch.has(id!)) hashes.set(id!, previousHash)
    }
    return { brokenAt: null, checkedRows, lastId, lastHash, hashes }
  }

  #hashMatches(previousHash: Uint8Array, fields: StoredChainedFields, rowHash: Uint8Array): boolean {
    if (equalBytes(rowHash, this.chainHash(previousHash, fields))) return true
    const legacy = asHashedBeforeV4(fields)
    return legacy !== null && equalBytes(rowHash, this.chainHash(previousHash, legacy))
  }

  #keyHolders(): Set<string> {
    return new Set(this.#statements.holders.all().map((row) => row.account_id))
  }

  #highestIdEverIssued(): number {
    const seq = this.#statements.highestId.get()?.seq
    return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : 0
  }

  #authorizeView(actor: Actor, action: AuditAction): void {
    try {
      authorize(loadActorRoles(this.#db, actor.accountId), 'audit.view')
    } catch (error) {
      const errorCode = (error as { code?: ErrorCode }).code ?? 'INTERNAL'
      this.record({ actor, action, target: 'audit log', outcome: 'denied', errorCode })
      throw error
    }
  }
}

/** Prepared once: record() runs on every action and must stay cheap. */
function prepareStatements(db: BetterSqlite3.Database) {
  return {
    last: db.prepare<[], { id: number; row_hash: unknown }>(`SELECT id, row_hash FROM audit_log WHERE id <= ${MAX_SAFE} ORDER BY id DESC LIMIT 1`),
    highestId: db.prepare<[], { seq: unknown }>(
      `SELECT CASE WHEN typeof(seq) = 'integer' AND seq <= ${MAX_SAFE} THEN seq END AS seq FROM sqlite_sequence WHERE name = 'audit_log'`,
    ),
    insert: db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, actor_name, action, target, cluster_id, outcome, error_code, prev_hash, row_hash)
       VALUES (@id, @at, @actorId, @actorName, @action, @target, @clusterId, @outcome, @errorCode, @prevHash, @rowHash)`,
    ),
    stored: db.prepare<[number], StoredRow>(STORED_ROWS_SQL),
    anchor: db.prepare<[], { row_id: unknown; row_hash: unknown; mac: unknown }>('SELECT row_id, row_hash, mac FROM audit_anchor WHERE singleton = 1'),
    holders: db.prepare<[], { account_id: string }>('SELECT account_id FROM audit_key_wraps'),
    createAnchor: db.prepare('INSERT INTO audit_anchor (singleton, row_id, row_hash, mac, updated_at) VALUES (1, ?, ?, ?, ?)'),
    moveAnchor: db.prepare('UPDATE audit_anchor SET row_id = ?, row_hash = ?, mac = ?, updated_at = ? WHERE singleton = 1'),
  }
}

function toAnchor(row: { row_id: unknown; row_hash: unknown; mac: unknown }): Anchor | null {
  const { row_id: rowId, row_hash: rowHash, mac } = row
  if (typeof rowId !== 'number' || !Number.isSafeInteger(rowId) || rowId < 1) return null
  if (!(rowHash instanceof Uint8Array) || rowHash.length !== AUDIT_HASH_BYTES || !(mac instanceof Uint8Array) || mac.length !== 32) return null
  return { rowId, rowHash, mac }
}

/** The hashed fields of a stored row, or null when a column has a type core never writes. */
function storedFields(row: StoredRow): StoredChainedFields | null {
  if (row.row_id === null || row.at === null || row.prev_hash === null) return null
  for (const column of TEXT_COLUMNS) {
    const type = row[`${column}_type`]
    if (type !== 'text' && !(type === 'null' && NULLABLE.has(column))) return null
  }
  return {
    id: row.row_id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action!,
    target: row.target!,
    clusterId: row.cluster_id,
    outcome: row.outcome!,
    errorCode: row.error_code,
  }
}

function optionalText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : wellFormedText(value)
}

function describeVerification(result: ChainVerification): string {
  const parts = [result.ok ? `chain intact to row ${result.checkedRows}` : `chain broken at row ${result.firstBrokenRowId}`]
  parts.push(`keyed head ${result.anchor.status.replace('_', ' ')}`)
  if (result.receipt) parts.push(`receipt for row ${result.receipt.rowId} ${result.receipt.status.replace('_', ' ')}`)
  return parts.join('; ')
}

/** One page of the list, newest first; exported so tests can check the plan uses an index. */
export function listQuery(filter: AuditFilter, limit: number, beforeId?: number): { sql: string; params: unknown[] } {
  const { where, params } = filterClause(filter, beforeId)
  return { sql: `SELECT ${LISTED_COLUMNS} FROM audit_log ${where} ORDER BY id DESC LIMIT ?`, params: [...params, limit] }
}

function filterClause(filter: AuditFilter, beforeId?: number): { where: string; params: unknown[] } {
  // Ids beyond JavaScript's safe range cannot be shown or paged; verification names them.
  const conditions: string[] = [`id <= ${MAX_SAFE}`]
  const params: unknown[] = []
  const add = (condition: string, ...values: unknown[]) => {
    conditions.push(condition)
    params.push(...values)
  }
  if (filter.actorId !== undefined) add('actor_id = ?', filter.actorId)
  if (filter.clusterId !== undefined) add('cluster_id = ?', filter.clusterId)
  if (filter.action !== undefined) {
    const codes = storedCodesFor(filter.action)
    add(codes.length === 1 ? 'action = ?' : `action IN (${codes.map(() => '?').join(', ')})`, ...codes)
  }
  if (filter.outcome !== undefined) add('outcome = ?', filter.outcome)
  if (filter.from !== undefined) add('at >= ?', filter.from)
  if (filter.to !== undefined) add('at < ?', filter.to)
  if (filter.text !== undefined && filter.text.trim() !== '') {
    const needle = filter.text.trim()
    const pattern = `%${needle.replace(/[\\%_]/g, (match) => `\\${match}`)}%`
    // Labels are matched too, so "signed in" finds session.signIn rows (and their legacy code).
    const labelled = (Object.keys(AUDIT_ACTION_LABELS) as AuditAction[])
      .filter((action) => AUDIT_ACTION_LABELS[action].toLowerCase().includes(needle.toLowerCase()))
      .flatMap(storedCodesFor)
    const columns = ['target', 'actor_name', 'action', 'error_code'].map((column) => `${column} LIKE ? ESCAPE '\\'`)
    if (labelled.length) columns.push(`action IN (${labelled.map(() => '?').join(', ')})`)
    add(`(${columns.join(' OR ')})`, pattern, pattern, pattern, pattern, ...labelled)
  }
  if (beforeId !== undefined) add('id < ?', beforeId)
  return { where: `WHERE ${conditions.join(' AND ')}`, params }
}

/** The row as the IPC contract names it; a row with a column of the wrong type is shown, marked damaged. */
function toAuditRow(row: ListedRow): AuditRow {
  const text = (value: string | null) => (value === null ? null : wellFormedText(value))
  const outcome = row.outcome === 'allowed' || row.outcome === 'denied' ? row.outcome : null
  return {
    id: row.id,
    at: row.at,
    actorId: text(row.actor_id),
    actorName: text(row.actor_name),
    action: text(row.action) ?? '',
    target: text(row.target) ?? '',
    clusterId: text(row.cluster_id),
    outcome,
    errorCode: text(row.error_code),
    damaged: row.well_typed !== 1,
  }
}

function equalBytes(left: unknown, right: Uint8Array): boolean {
  if (!(left instanceof Uint8Array) || left.length !== right.length) return false
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false
  return true
}

/**
 * Append-only, hash-chained audit log. Each row's hash is BLAKE2b-256 over the previous
 * row's hash and the row's canonical encoding (id and time included), starting from 32
 * zero bytes, so changing, inserting or deleting any row breaks the chain from there on.
 * Rows name who did what to which target and how it ended; never a password, ticket,
 * code or key. Triggers forbid UPDATE and DELETE; the chain catches anyone who bypasses them.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { AuditFilter, AuditRow } from '@shared/ipc/contract'
import type { ErrorCode } from '@shared/errors'
import type { Sodium } from '../crypto/sodium'
import type { Actor } from '../session'
import { authorize, loadActorRoles } from '../authz/authorize'
import { chainInput, type ChainedFields } from './canonical'
import { csvLine } from './csv'

export const AUDIT_HASH_BYTES = 32
const GENESIS_HASH = new Uint8Array(AUDIT_HASH_BYTES)

export interface AuditEntry {
  actor: Actor | null
  action: string
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

export interface ChainVerification {
  ok: boolean
  checkedRows: number
  firstBrokenRowId: number | null
}

interface StoredRow {
  id: number
  at: number
  actor_id: string | null
  actor_name: string | null
  action: string
  target: string
  cluster_id: string | null
  outcome: 'allowed' | 'denied'
  error_code: string | null
  prev_hash: Uint8Array
  row_hash: Uint8Array
}

export class AuditLog {
  readonly #db: BetterSqlite3.Database
  readonly #sodium: Sodium
  readonly #clock: () => number
  readonly #statements: ReturnType<typeof prepareStatements>
  readonly #append: BetterSqlite3.Transaction<(entry: AuditEntry) => void>

  constructor(deps: AuditLogDeps) {
    this.#db = deps.db
    this.#sodium = deps.sodium
    this.#clock = deps.clock
    this.#statements = prepareStatements(deps.db)
    this.#append = deps.db.transaction((entry: AuditEntry) => this.#appendRow(entry))
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
      actorId: entry.actor?.accountId ?? null,
      actorName: entry.actor?.displayName ?? null,
      action: entry.action,
      target: entry.target,
      clusterId: entry.clusterId ?? null,
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
    }
    const prevHash = last ? new Uint8Array(last.row_hash) : GENESIS_HASH
    this.#statements.insert.run({ ...fields, prevHash, rowHash: this.chainHash(prevHash, fields) })
  }

  chainHash(prevHash: Uint8Array, fields: ChainedFields): Uint8Array {
    return this.#sodium.crypto_generichash(AUDIT_HASH_BYTES, chainInput(prevHash, fields), null)
  }

  /** Newest first, `limit` rows older than `beforeId`. Organization Owners only. */
  list(actor: Actor, filter: AuditFilter, limit: number, beforeId?: number): { rows: AuditRow[]; hasMore: boolean } {
    this.#authorizeView(actor, 'audit.list')
    const query = listQuery(filter, limit + 1, beforeId)
    const stored = this.#db.prepare<unknown[], StoredRow>(query.sql).all(...query.params)
    return { rows: stored.slice(0, limit).map(toAuditRow), hasMore: stored.length > limit }
  }

  /** Every matching row, oldest first, as RFC 4180 CSV. The export itself is audited. */
  exportCsv(actor: Actor, filter: AuditFilter): string {
    this.#authorizeView(actor, 'audit.export')
    const { where, params } = filterClause(filter)
    const lines = [csvLine(['id', 'time', 'actor_id', 'actor', 'action', 'target', 'cluster_id', 'outcome', 'error_code'])]
    for (const row of this.#db.prepare<unknown[], StoredRow>(`SELECT * FROM audit_log ${where} ORDER BY id`).iterate(...params)) {
      lines.push(
        csvLine([row.id, new Date(row.at).toISOString(), row.actor_id, row.actor_name, row.action, row.target, row.cluster_id, row.outcome, row.error_code]),
      )
    }
    this.record({ actor, action: 'audit.export', target: 'audit log', outcome: 'allowed' })
    return lines.join('\r\n') + '\r\n'
  }

  /** Checks the chain for an actor allowed to view the log; the check is audited after it runs. */
  verify(actor: Actor): ChainVerification {
    this.#authorizeView(actor, 'audit.verify')
    const result = this.verifyChain()
    this.record({ actor, action: 'audit.verify', target: result.ok ? 'chain intact' : `chain broken at row ${result.firstBrokenRowId}`, outcome: 'allowed' })
    return result
  }

  /**
   * Walks every row in id order without loading the table into memory. Ids must be
   * contiguous, each prev_hash must equal the previous row_hash, and each row_hash must
   * match the recomputed one; the highest id ever issued (sqlite_sequence) must be present,
   * so deleting the newest rows is caught too.
   */
  verifyChain(): ChainVerification {
    let previousHash: Uint8Array = GENESIS_HASH
    let expectedId = 1
    let checkedRows = 0
    const rows = this.#db.prepare<[], StoredRow>('SELECT * FROM audit_log ORDER BY id').iterate()
    for (const row of rows) {
      const broken =
        row.id !== expectedId ||
        !equalBytes(row.prev_hash, previousHash) ||
        !equalBytes(row.row_hash, this.chainHash(previousHash, toAuditRow(row)))
      if (broken) {
        // Returning from for-of closes the statement's iterator.
        return { ok: false, checkedRows, firstBrokenRowId: Math.min(row.id, expectedId) }
      }
      checkedRows++
      previousHash = row.row_hash
      expectedId = row.id + 1
    }
    if (this.#highestIdEverIssued() >= expectedId) return { ok: false, checkedRows, firstBrokenRowId: expectedId }
    return { ok: true, checkedRows, firstBrokenRowId: null }
  }

  #highestIdEverIssued(): number {
    return this.#statements.highestId.get()?.seq ?? 0
  }

  #authorizeView(actor: Actor, action: string): void {
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
    last: db.prepare<[], { id: number; row_hash: Uint8Array }>('SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1'),
    highestId: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'"),
    insert: db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, actor_name, action, target, cluster_id, outcome, error_code, prev_hash, row_hash)
       VALUES (@id, @at, @actorId, @actorName, @action, @target, @clusterId, @outcome, @errorCode, @prevHash, @rowHash)`,
    ),
  }
}

/** One page of the list, newest first; exported so tests can check the plan uses an index. */
export function listQuery(filter: AuditFilter, limit: number, beforeId?: number): { sql: string; params: unknown[] } {
  const { where, params } = filterClause(filter, beforeId)
  return { sql: `SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`, params: [...params, limit] }
}

function filterClause(filter: AuditFilter, beforeId?: number): { where: string; params: unknown[] } {
  const conditions: string[] = []
  const params: unknown[] = []
  const add = (condition: string, value: unknown) => {
    conditions.push(condition)
    params.push(value)
  }
  if (filter.actorId !== undefined) add('actor_id = ?', filter.actorId)
  if (filter.clusterId !== undefined) add('cluster_id = ?', filter.clusterId)
  if (filter.action !== undefined) add('action = ?', filter.action)
  if (filter.outcome !== undefined) add('outcome = ?', filter.outcome)
  if (beforeId !== undefined) add('id < ?', beforeId)
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params }
}

/** The row as the IPC contract names it; also what the chain covers (ChainedFields picks its fields). */
function toAuditRow(row: StoredRow): AuditRow & ChainedFields {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    target: row.target,
    clusterId: row.cluster_id,
    outcome: row.outcome,
    errorCode: row.error_code,
  }
}

function equalBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (!(left instanceof Uint8Array) || left.length !== right.length) return false
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false
  return true
}

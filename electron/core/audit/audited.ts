/**
 * Runs one mutating action in a transaction and audits how it ended. On success the
 * "allowed" row commits together with the change. On failure the transaction rolls back
 * (nothing changes) and the "denied" row is written afterwards on its own, so refused
 * attempts are on record even though they changed nothing.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { isAppError } from '@shared/errors'
import type { Actor } from '../session'
import type { AuditAction } from '@shared/audit/actions'
import type { AuditLog } from './auditLog'

export interface AuditScope {
  action: AuditAction
  /** Human-readable target, e.g. `cluster user reader on orders-prod`. Never a secret. */
  target: string
  clusterId?: string | null
}

export function runAudited<T>(
  deps: { db: BetterSqlite3.Database; audit: AuditLog },
  actor: Actor | null,
  scope: AuditScope,
  work: (scope: AuditScope) => T,
): T {
  try {
    return deps.db.transaction(() => {
      const value = work(scope)
      deps.audit.record({ actor, ...scope, outcome: 'allowed' })
      return value
    })()
  } catch (error) {
    deps.audit.record({ actor, ...scope, outcome: 'denied', errorCode: isAppError(error) ? error.code : 'INTERNAL' })
    throw error
  }
}

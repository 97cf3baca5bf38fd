/**
 * Audit wrappers for the services. `runAudited` runs one mutating action in a transaction
 * and audits how it ended. On success the
 * "allowed" row commits together with the change. On failure the transaction rolls back
 * (nothing changes) and the "denied" row is written afterwards on its own, so refused
 * attempts are on record even though they changed nothing. `auditRefusal` does the same
 * for reads, recording only refusals.
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
    return deps.db
      .transaction(() => {
        const value = work(scope)
        deps.audit.record({ actor, ...scope, outcome: 'allowed' })
        return value
      })
      .immediate()
  } catch (error) {
    recordRefusal(deps, actor, scope, error)
    throw error
  }
}

/**
 * Runs a read and audits it only when refused: a page view is not worth a row, but asking
 * for what one may not see (another project's clusters, the members list without the
 * right) is on record like a refused change.
 */
export function auditRefusal<T>(deps: { audit: AuditLog }, actor: Actor | null, scope: AuditScope, read: () => T): T {
  try {
    return read()
  } catch (error) {
    recordRefusal(deps, actor, scope, error)
    throw error
  }
}

export function recordRefusal(deps: { audit: AuditLog }, actor: Actor | null, scope: AuditScope, error: unknown): void {
  deps.audit.record({ actor, ...scope, outcome: 'denied', errorCode: isAppError(error) ? error.code : 'INTERNAL' })
}

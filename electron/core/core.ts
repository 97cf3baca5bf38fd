/**
 * Composition root of the core: opens storage, loads libsodium and wires the services.
 * Node only; never imports `electron`. Main and the test bridge both build a Core through
 * {@link createCore} and differ only in the options they pass.
 */
import type { KdfPolicy } from './crypto/kdf'
import type { PasswordHashingPolicy } from './crypto/passwordHash'
import type { Logger } from './log'
import type { SessionState } from './session'
import { DATABASE_FILE_NAME, openCoreDeps } from './coreDeps'
import { AccountService } from './accounts/accountService'
import type { AuditLog } from './audit/auditLog'
import { MemberService } from './members/memberService'
import { ProjectService } from './projects/projectService'
import { ClusterService } from './clusters/clusterService'
import { ClusterUserService } from './clusters/clusterUserService'
import { RevealService } from './reveal/revealService'

export interface CoreOptions {
  /** Folder holding the workspace database; created if missing. */
  dataDir: string
  /**
   * How account keys are derived. Production passes the calibrated policy; tests pass a
   * deliberately fast fixed policy explicitly. There is no default on purpose.
   */
  kdf: KdfPolicy
  /** Cost of the Argon2id hashes of cluster passwords (crypto_pwhash_str). */
  passwordHashing: PasswordHashingPolicy
  logger: Logger
  /** Injected for throttling/expiry tests; defaults to Date.now. */
  clock?: () => number
  /** Path of a better-sqlite3 addon built for this runtime's ABI (Electron vs. Node). */
  nativeBinding?: string
}

export interface Core {
  readonly session: SessionState
  readonly accounts: AccountService
  readonly audit: AuditLog
  readonly members: MemberService
  readonly projects: ProjectService
  readonly clusters: ClusterService
  readonly clusterUsers: ClusterUserService
  readonly reveals: RevealService
  /**
   * Runs one renderer request: after earlier ones, in one IMMEDIATE transaction that
   * commits on success or a typed refusal and rolls back on anything else.
   */
  runRequest<T>(work: () => T | Promise<T>): Promise<T>
  /** Ends the session (wiping keys and tickets) and closes the database. */
  close(): void
}

export { DATABASE_FILE_NAME }

export async function createCore(options: CoreOptions): Promise<Core> {
  const deps = await openCoreDeps({ ...options, clock: options.clock ?? Date.now })
  const { db, session, audit } = deps
  const reveals = new RevealService(deps)
  const accounts = new AccountService(deps)
  const core: Core = {
    session,
    audit,
    accounts,
    members: new MemberService(deps, accounts),
    projects: new ProjectService(deps),
    clusters: new ClusterService(deps, reveals),
    clusterUsers: new ClusterUserService(deps, reveals),
    reveals,
    runRequest: (work) => deps.requests.run(work),
    close() {
      session.end()
      reveals.wipeAll()
      if (db.open) db.close()
    },
  }
  return core
}

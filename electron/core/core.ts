/**
 * Composition root of the core: opens storage, loads libsodium and wires the services.
 * Node only; never imports `electron`. Main and the test bridge both build a Core through
 * {@link createCore} and differ only in the options they pass.
 */
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { loadSodium, type Sodium } from './crypto/sodium'
import type { KdfPolicy } from './crypto/kdf'
import { openDatabase } from './db/database'
import type { Logger } from './log'
import { SessionState } from './session'
import { AccountService } from './accounts/accountService'
import { AuditLog } from './audit/auditLog'
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

export interface PasswordHashingPolicy {
  opslimit: number
  memlimit: number
}

/** What every service is built from. */
export interface CoreDeps {
  db: BetterSqlite3.Database
  sodium: Sodium
  clock: () => number
  kdf: KdfPolicy
  passwordHashing: PasswordHashingPolicy
  session: SessionState
  logger: Logger
  audit: AuditLog
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
  /** Ends the session (wiping keys and tickets) and closes the database. */
  close(): void
}

export const DATABASE_FILE_NAME = 'workspace.db'

export async function createCore(options: CoreOptions): Promise<Core> {
  const sodium = await loadSodium()
  const clock = options.clock ?? Date.now
  const db = openDatabase(join(options.dataDir, DATABASE_FILE_NAME), {
    logger: options.logger,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  const session = new SessionState(sodium)
  const audit = new AuditLog({ db, sodium, clock })
  const deps: CoreDeps = {
    db,
    sodium,
    clock,
    kdf: options.kdf,
    passwordHashing: options.passwordHashing,
    session,
    logger: options.logger,
    audit,
  }
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
    close() {
      session.end()
      reveals.wipeAll()
      if (db.open) db.close()
    },
  }
  return core
}

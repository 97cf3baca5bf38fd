/**
 * Composition root of the core: opens storage, loads libsodium and wires the services.
 * Node only; never imports `electron`. Main and the test bridge both build a Core through
 * {@link createCore} and differ only in the options they pass.
 */
import type { KdfPolicy } from './crypto/kdf'
import type { KeyDeriver } from './crypto/kdfWorker'
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
import { HandoffService } from './handoff/handoffService'
import { QrScannerGate } from './handoff/qrScannerGate'
import { SettingsService } from './settings/settingsService'
import { VaultService } from './vault/vaultService'
import { PRODUCTION_BACKUP_SCRYPT_LOG_N, VaultBackupService, type VaultBackupOptions } from './vault/vaultBackupService'
import { AutoLock, type LockTimers } from './autoLock'

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
  /** Backup encryption cost; age's default unless a test passes a cheaper one explicitly. */
  backup?: VaultBackupOptions
  /** Timers of the idle auto-lock (tests inject controllable ones). */
  lockTimers?: LockTimers
  /**
   * Argon2id for account keys, owned by the caller: the command line passes one that may
   * already be deriving (electron/cli/earlyKdf.ts). Default: core's own worker thread.
   */
  deriveKey?: KeyDeriver
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
  readonly handoff: HandoffService
  /** Whether the camera QR scanner is open: main grants video capture only then. */
  readonly qrScanner: QrScannerGate
  readonly settings: SettingsService
  readonly vault: VaultService
  readonly backups: VaultBackupService
  readonly autoLock: AutoLock
  /**
   * Runs one renderer request: after earlier ones, in one IMMEDIATE transaction that
   * commits on success or a typed refusal and rolls back on anything else.
   */
  runRequest<T>(work: () => T | Promise<T>): Promise<T>
  /** Ends the session (wiping keys and tickets), closes the database and stops the KDF worker. */
  close(): void
}

export { DATABASE_FILE_NAME }

export async function createCore(options: CoreOptions): Promise<Core> {
  const deps = await openCoreDeps({ ...options, clock: options.clock ?? Date.now })
  const { db, session, audit } = deps
  const reveals = new RevealService(deps)
  const accounts = new AccountService(deps, {
    onSessionStarted: async (actor) => {
      try {
        vault.fillHistoryDates(actor)
      } finally {
        await handoff.ensureIdentity(actor)
      }
    },
  })
  const settings = new SettingsService(deps)
  const vault = new VaultService(deps, reveals)
  const handoff = new HandoffService(deps, reveals, vault)
  const autoLock = new AutoLock({
    session,
    clock: deps.clock,
    idleMinutesOf: (accountId) => settings.forAccount(accountId).autoLockMinutes,
    lock: () => accounts.lock('idle'),
    ...(options.lockTimers ? { timers: options.lockTimers } : {}),
  })
  const core: Core = {
    session,
    audit,
    accounts,
    members: new MemberService(deps, accounts),
    projects: new ProjectService(deps),
    clusters: new ClusterService(deps, reveals),
    clusterUsers: new ClusterUserService(deps, reveals),
    reveals,
    handoff,
    qrScanner: new QrScannerGate(deps),
    settings,
    vault,
    backups: new VaultBackupService(deps, vault, options.backup ?? { scryptLogN: PRODUCTION_BACKUP_SCRYPT_LOG_N }),
    autoLock,
    runRequest: (work) => deps.requests.run(work),
    close() {
      session.end()
      reveals.wipeAll()
      if (db.open) db.close()
      void deps.closeKdfWorker()
    },
  }
  return core
}

/**
 * What every service is built from, and opening the workspace to build it. Shared by
 * createCore and the test wiring, which builds only the services a suite needs.
 *
 * Services import {@link CoreDeps} from here, never from core.ts (the composition root that
 * imports them), and each takes only the part it uses: `Pick<CoreDeps, 'db' | 'clock'>`.
 * test/unit/core-import-cycles.test.ts keeps the core free of import cycles.
 */
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { AuditLog } from './audit/auditLog'
import type { KdfPolicy } from './crypto/kdf'
import type { PasswordHashingPolicy } from './crypto/passwordHash'
import { loadSodium, type Sodium } from './crypto/sodium'
import { createWorkerKeyDeriver, type KeyDeriver } from './crypto/kdfWorker'
import { openDatabase } from './db/database'
import { RequestTransactions } from './db/requestTransactions'
import type { Logger } from './log'
import { SessionState } from './session'

export const DATABASE_FILE_NAME = 'workspace.db'

export interface CoreDeps {
  db: BetterSqlite3.Database
  sodium: Sodium
  clock: () => number
  kdf: KdfPolicy
  /** Argon2id for account keys, run in a worker thread so main stays responsive. */
  deriveKey: KeyDeriver
  passwordHashing: PasswordHashingPolicy
  session: SessionState
  logger: Logger
  audit: AuditLog
  /** One transaction per renderer request; `afterCommit` for work that must wait for it. */
  requests: RequestTransactions
}

export interface CoreDepsOptions {
  dataDir: string
  kdf: KdfPolicy
  passwordHashing: PasswordHashingPolicy
  logger: Logger
  clock: () => number
  nativeBinding?: string
  /** A deriver the caller owns (the command line's, which may have started early); else core runs its own worker. */
  deriveKey?: KeyDeriver
}

export async function openCoreDeps(options: CoreDepsOptions): Promise<CoreDeps & { closeKdfWorker(): Promise<void> }> {
  const { dataDir, kdf, passwordHashing, logger, clock } = options
  const sodium = await loadSodium()
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME), {
    logger,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  const session = new SessionState(sodium)
  const audit = new AuditLog({ db, sodium, clock })
  // The audit key lives exactly as long as the session that opened it.
  session.onEnd(() => audit.forgetKey())
  const kdfWorker = options.deriveKey ? null : createWorkerKeyDeriver()
  return {
    db,
    sodium,
    clock,
    kdf,
    deriveKey: options.deriveKey ?? kdfWorker!.derive,
    closeKdfWorker: kdfWorker?.close ?? (() => Promise.resolve()),
    passwordHashing,
    session,
    logger,
    audit,
    requests: new RequestTransactions(db, logger),
  }
}

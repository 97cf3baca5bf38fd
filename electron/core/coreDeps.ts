/**
 * Opens the workspace and builds what every service is made from. Shared by createCore
 * and the test wiring, which builds only the services a suite needs.
 */
import { join } from 'node:path'
import type { CoreDeps, PasswordHashingPolicy } from './core'
import { AuditLog } from './audit/auditLog'
import type { KdfPolicy } from './crypto/kdf'
import { loadSodium } from './crypto/sodium'
import { createWorkerKeyDeriver } from './crypto/kdfWorker'
import { openDatabase } from './db/database'
import type { Logger } from './log'
import { SessionState } from './session'

export const DATABASE_FILE_NAME = 'workspace.db'

export interface CoreDepsOptions {
  dataDir: string
  kdf: KdfPolicy
  passwordHashing: PasswordHashingPolicy
  logger: Logger
  clock: () => number
  nativeBinding?: string
}

export async function openCoreDeps(options: CoreDepsOptions): Promise<CoreDeps & { closeKdfWorker(): Promise<void> }> {
  const { dataDir, kdf, passwordHashing, logger, clock } = options
  const sodium = await loadSodium()
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME), {
    logger,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  const kdfWorker = createWorkerKeyDeriver()
  return {
    db,
    sodium,
    clock,
    kdf,
    deriveKey: kdfWorker.derive,
    closeKdfWorker: kdfWorker.close,
    passwordHashing,
    session: new SessionState(sodium),
    logger,
    audit: new AuditLog({ db, sodium, clock }),
  }
}

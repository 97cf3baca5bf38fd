/**
 * Test wiring for core services, without createCore (so each suite needs only the
 * services it exercises). Uses the deliberately fast KDF and password hashing, a memory
 * logger and a manual clock, all passed explicitly: production defaults are untouched.
 *
 *   const env = await createTestDeps()
 *   const accounts = new AccountService(env.deps)
 *   ...
 *   const reopened = await env.reopen()   // same files, fresh connection and session
 *   env.cleanup()                          // closes and deletes the temp folder
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { FAST_TEST_PASSWORD_HASHING } from '../crypto/passwordHash'
import type { CoreDeps } from '../coreDeps'
import { DATABASE_FILE_NAME, openCoreDeps } from '../coreDeps'
import { FAST_TEST_KDF, type KdfPolicy } from '../crypto/kdf'
import { createMemoryLogger } from '../log'
import { createManualClock, type ManualClock } from './manualClock'
import { makeTempDir } from './tempDir'

export { makeTempDir }

export interface TestDepsOptions {
  /** Existing folder to use (e.g. to reopen); a fresh temp folder otherwise. */
  dataDir?: string
  clock?: ManualClock
  /** Defaults to FAST_TEST_KDF; pass PRODUCTION_KDF_POLICY to measure the real thing. */
  kdf?: KdfPolicy
}

export interface TestDeps {
  deps: CoreDeps
  clock: ManualClock
  logger: ReturnType<typeof createMemoryLogger>
  dataDir: string
  databasePath: string
  /** Ends the session and closes the database, keeping the files. */
  close(): void
  /** Closes this connection and opens the same folder again, with the same clock and KDF. */
  reopen(): Promise<TestDeps>
  /** Closes and deletes the folder. */
  cleanup(): void
}

export async function createTestDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const dataDir = options.dataDir ?? makeTempDir()
  const clock = options.clock ?? createManualClock()
  const kdf = options.kdf ?? FAST_TEST_KDF
  const logger = createMemoryLogger()
  const databasePath = join(dataDir, DATABASE_FILE_NAME)
  const deps = await openCoreDeps({ dataDir, kdf, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger, clock })
  const { db, session } = deps
  const close = () => {
    session.end()
    if (db.open) db.close()
    void deps.closeKdfWorker()
  }
  return {
    deps,
    clock,
    logger,
    dataDir,
    databasePath,
    close,
    reopen: async () => {
      close()
      return createTestDeps({ dataDir, clock, kdf })
    },
    cleanup: () => {
      close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

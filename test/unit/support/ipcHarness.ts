/**
 * The real core behind main's real dispatcher and handler table, in plain Node, for tests
 * that drive the app as the renderer would (including a hostile renderer's raw calls).
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect } from 'vitest'
import type { IpcResponse } from '@shared/errors'
import type { SessionInfo } from '@shared/ipc/contract'
import { FAST_TEST_PASSWORD_HASHING } from '../../../electron/core/crypto/passwordHash'
import { createCore, DATABASE_FILE_NAME, type Core } from '../../../electron/core/core'
import { FAST_TEST_KDF } from '../../../electron/core/crypto/kdf'
import { createMemoryLogger } from '../../../electron/core/log'
import { createManualClock, type ManualClock } from '../../../electron/core/testing/manualClock'
import { makeTempDir } from '../../../electron/core/testing/tempDir'
import { OWNER, OWNER_PASSPHRASE } from '../../../electron/core/testing/fixtures'
import { createDispatcher, type Dispatch } from '../../../electron/main/ipc/dispatch'
import { handlers as realHandlers } from '../../../electron/main/ipc/handlers'
import type { HandlerTable } from '../../../electron/main/ipc/types'

const APP_ORIGIN = 'http://cluster-credentials.test'
const APP_FRAME = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }
export const MEMBER_PASSPHRASE = 'another long test passphrase'

export interface IpcHarness {
  core: Core
  dataDir: string
  clock: ManualClock
  call(channel: string, payload: unknown): Promise<IpcResponse<unknown>>
  value<T>(channel: string, payload: unknown): Promise<T>
  errorOf(channel: string, payload: unknown): Promise<Extract<IpcResponse<unknown>, { ok: false }>['error']>
  /** Closes the core and opens the same folder again (a restart of the app). */
  restart(): Promise<IpcHarness>
  cleanup(): void
}

export async function startHarness(
  options: { dataDir?: string; clock?: ManualClock; handlers?: HandlerTable } = {},
): Promise<IpcHarness> {
  const dataDir = options.dataDir ?? makeTempDir('cc-ipc-')
  const clock = options.clock ?? createManualClock()
  const logger = createMemoryLogger()
  const core = await createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger, clock })
  const dispatch: Dispatch = createDispatcher({
    core,
    handlers: options.handlers ?? realHandlers,
    ports: { copySecretToClipboard: () => undefined },
    appOrigin: APP_ORIGIN,
    logger,
  })
  const call = (channel: string, payload: unknown) => dispatch(channel, payload, APP_FRAME)
  const harness: IpcHarness = {
    core,
    dataDir,
    clock,
    call,
    async value<T>(channel: string, payload: unknown) {
      const response = await call(channel, payload)
      if (!response.ok) throw new Error(`${channel} failed: ${response.error.code} ${response.error.message}`)
      return response.value as T
    },
    async errorOf(channel, payload) {
      const response = await call(channel, payload)
      expect(response.ok, `${channel} was expected to fail`).toBe(false)
      return (response as Extract<IpcResponse<unknown>, { ok: false }>).error
    },
    async restart() {
      core.close()
      return startHarness({ ...options, dataDir, clock })
    },
    cleanup() {
      core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return harness
}

/** First run: the Organization Owner's workspace, signed in. */
export async function createWorkspace(harness: IpcHarness): Promise<SessionInfo> {
  return harness.value<SessionInfo>('workspace.create', { ...OWNER, passphrase: OWNER_PASSPHRASE })
}

export async function signInAs(harness: IpcHarness, accountId: string, passphrase: string): Promise<SessionInfo> {
  await harness.call('session.signOut', {})
  return harness.value<SessionInfo>('session.signIn', { accountId, passphrase })
}

export interface StoredAuditRow {
  id: number
  actor_id: string | null
  action: string
  target: string
  outcome: string
  error_code: string | null
}

/** Reads the workspace file through a second, read-only connection, as someone holding the file would. */
export function readWorkspace<T>(harness: IpcHarness, read: (db: Database.Database) => T): T {
  const db = new Database(join(harness.dataDir, DATABASE_FILE_NAME), { readonly: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

/** Writes to the workspace file through a second connection, as someone tampering with it would. */
export function writeWorkspace(harness: IpcHarness, write: (db: Database.Database) => void): void {
  const db = new Database(join(harness.dataDir, DATABASE_FILE_NAME))
  try {
    write(db)
  } finally {
    db.close()
  }
}

/** Audit rows, oldest first. */
export function auditRows(harness: IpcHarness): StoredAuditRow[] {
  return readWorkspace(harness, (db) =>
    db.prepare<[], StoredAuditRow>('SELECT id, actor_id, action, target, outcome, error_code FROM audit_log ORDER BY id').all(),
  )
}

/** Every table but the audit log and its bookkeeping (the keyed head moves with each audited row). */
export function snapshotTables(harness: IpcHarness): string {
  return readWorkspace(harness, (db) => {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'audit_anchor', 'sqlite_sequence') ORDER BY name")
      .all()
    return JSON.stringify(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all()]),
      (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value),
    )
  })
}

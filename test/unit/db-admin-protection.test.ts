/**
 * `db_admin` can never be dropped, renamed or demoted, by any path: service calls, raw
 * dispatcher calls with crafted payloads (the same entry point Electron's ipcMain and the
 * Chromium bridge use), look-alike names, and raw SQL (the schema's triggers).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite from 'better-sqlite3'
import { CHANNELS } from '@shared/ipc/channels'
import type { IpcResponse } from '@shared/errors'
import { createCore, DATABASE_FILE_NAME, type Core } from '../../electron/core/core'
import { FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createMemoryLogger } from '../../electron/core/log'
import { createManualClock } from '../../electron/core/testing/manualClock'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { OWNER, OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch'
import { handlers } from '../../electron/main/ipc/handlers'
import { newId } from '../../electron/core/ids'

const APP_ORIGIN = 'http://127.0.0.1:5199'
const TRUSTED = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

interface DbAdminRow {
  username: string
  role: string
  is_default_admin: number
  password_hash: string
}

describe('db_admin protection', () => {
  let dataDir: string
  let core: Core
  let dispatch: Dispatch
  let clusterId: string
  let projectId: string

  const call = async (channel: string, payload: unknown) => dispatch(channel, payload, TRUSTED)
  const expectError = async (channel: string, payload: unknown, code: string) => {
    const response = (await call(channel, payload)) as IpcResponse<unknown>
    expect(response, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code } })
  }
  /** A second connection to the workspace file, as any other local writer would have. */
  let raw: BetterSqlite.Database
  let originalHash: string
  const readDbAdminLike = () =>
    raw
      .prepare<[string], DbAdminRow>('SELECT username, role, is_default_admin, password_hash FROM cluster_users WHERE cluster_id = ?')
      .all(clusterId)

  beforeEach(async () => {
    dataDir = makeTempDir()
    core = await createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger: createMemoryLogger(), clock: createManualClock() })
    dispatch = createDispatcher({ core, handlers, ports: { copySecretToClipboard: () => {} }, appOrigin: APP_ORIGIN, logger: createMemoryLogger() })
    const created = await call('workspace.create', { ...OWNER, passphrase: OWNER_PASSPHRASE })
    expect(created.ok).toBe(true)
    const project = await call('projects.create', { name: 'Orders' })
    projectId = (project as { ok: true; value: { id: string } }).value.id
    const cluster = await call('clusters.create', { projectId, name: 'orders-prod', endpoint: 'https://in01-x.example:19530', dbAdminPassword: { mode: 'generate' } })
    expect(cluster.ok).toBe(true)
    clusterId = (cluster as { ok: true; value: { cluster: { id: string } } }).value.cluster.id
    raw = new BetterSqlite(join(dataDir, DATABASE_FILE_NAME))
    originalHash = readDbAdminLike()[0]!.password_hash
  })
  afterEach(() => {
    raw.close()
    core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** db_admin is still the only admin-like user, with its name, role, flag and password unchanged. */
  const untouched = () =>
    expect(readDbAdminLike()).toEqual([{ username: 'db_admin', role: 'admin', is_default_admin: 1, password_hash: originalHash }])

  it('refuses direct service calls too (no path around the handlers)', () => {
    const actor = core.session.currentActor()!
    expect(() => core.clusterUsers.drop(actor, { clusterId, username: 'db_admin', confirmUsername: 'db_admin' })).toThrow(expect.objectContaining({ code: 'PROTECTED_USER' }))
    expect(() => core.clusterUsers.changeRole(actor, { clusterId, username: 'db_admin', role: 'read_only' })).toThrow(expect.objectContaining({ code: 'PROTECTED_USER' }))
    expect(() => core.clusterUsers.add(actor, { clusterId, username: 'DB_admin', role: 'admin', password: { mode: 'generate' } })).toThrow(expect.objectContaining({ code: 'PROTECTED_USER' }))
    untouched()
  })

  it('has no channel that could rename a cluster user', () => {
    expect(CHANNELS.filter((channel) => /rename/i.test(channel))).toEqual([])
  })

  it('refuses to drop db_admin through IPC, however the name is written', async () => {
    for (const username of ['db_admin', 'DB_ADMIN', 'Db_Admin', 'ｄｂ＿ａｄｍｉｎ']) {
      await expectError('clusterUsers.drop', { clusterId, username, confirmUsername: username }, 'PROTECTED_USER')
    }
    // Names that only look alike are simply not that user; nothing is dropped.
    for (const username of ['db_admin ', ' db_admin', 'db_аdmin', 'db_admin\u200b']) {
      await expectError('clusterUsers.drop', { clusterId, username, confirmUsername: username }, 'NOT_FOUND')
    }
    untouched()
  })

  it('refuses to change the role of db_admin, even to admin', async () => {
    for (const role of ['read_only', 'read_write', 'admin']) {
      await expectError('clusterUsers.changeRole', { clusterId, username: 'db_admin', role }, 'PROTECTED_USER')
      await expectError('clusterUsers.changeRole', { clusterId, username: 'DB_Admin', role }, 'PROTECTED_USER')
    }
    untouched()
  })

  it('refuses a second user named db_admin or a look-alike', async () => {
    const add = (username: string) => ({ clusterId, username, role: 'admin', password: { mode: 'generate' } })
    for (const username of ['db_admin', 'DB_ADMIN', 'Db_admin']) await expectError('clusterUsers.add', add(username), 'PROTECTED_USER')
    for (const username of ['db_admin ', 'db_аdmin', 'ｄｂ＿ａｄｍｉｎ', 'db_admin\u200b', '_db_admin']) await expectError('clusterUsers.add', add(username), 'INVALID_INPUT')
    untouched()
  })

  it('rejects crafted payloads before any handler runs', async () => {
    await expectError('clusterUsers.drop', { clusterId, username: 'db_admin', confirmUsername: 'db_admin', force: true }, 'INVALID_INPUT')
    await expectError('clusterUsers.changeRole', { clusterId, username: 'db_admin', role: 'superuser' }, 'INVALID_INPUT')
    await expectError('clusterUsers.changeRole', { clusterId, username: 'db_admin', role: 'read_only', isDefaultAdmin: false }, 'INVALID_INPUT')
    await expectError('clusterUsers.add', { clusterId, username: 'x'.repeat(65), role: 'admin', password: { mode: 'generate' } }, 'INVALID_INPUT')
    await expectError('clusterUsers.drop', { clusterId, username: ['db_admin'], confirmUsername: 'db_admin' }, 'INVALID_INPUT')
    await expectError('clusterUsers.rename', { clusterId, username: 'db_admin', newUsername: 'root' }, 'UNKNOWN_CHANNEL')
    const foreign = await dispatch('clusterUsers.drop', { clusterId, username: 'db_admin', confirmUsername: 'db_admin' }, { url: 'https://evil.example/', isMainFrame: true })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FOREIGN_SENDER' } })
    untouched()
  })

  it('a Read-Only member forcing a drop of db_admin is FORBIDDEN', async () => {
    const accountId = newId('acc')
    // A Read-Only member of the cluster's project, inserted directly; then act as them.
    raw.prepare("INSERT INTO accounts (id, display_name, email, org_role, status, created_at) VALUES (?, 'Rae', 'rae@acme.example', 'member', 'active', 0)").run(accountId)
    raw.prepare("INSERT INTO project_members (project_id, account_id, role) VALUES (?, ?, 'read_only')").run(projectId, accountId)
    core.session.start({ accountId, displayName: 'Rae' }, new Uint8Array(32), 0)
    await expectError('clusterUsers.drop', { clusterId, username: 'db_admin', confirmUsername: 'db_admin' }, 'FORBIDDEN')
    await expectError('clusterUsers.changeRole', { clusterId, username: 'db_admin', role: 'read_only' }, 'FORBIDDEN')
    const listed = await call('clusterUsers.list', { clusterId })
    expect(listed).toMatchObject({ ok: true, value: [{ username: 'db_admin', role: 'admin', isDefaultAdmin: true }] })
    untouched()
  })

  it('every refusal is audited with its code', async () => {
    await expectError('clusterUsers.drop', { clusterId, username: 'db_admin', confirmUsername: 'db_admin' }, 'PROTECTED_USER')
    await expectError('clusterUsers.changeRole', { clusterId, username: 'db_admin', role: 'read_only' }, 'PROTECTED_USER')
    const audit = await call('audit.list', { filter: { outcome: 'denied' }, limit: 10 })
    expect(audit).toMatchObject({ ok: true, value: { rows: [
      { action: 'clusterUser.changeRole', errorCode: 'PROTECTED_USER', clusterId },
      { action: 'clusterUser.drop', errorCode: 'PROTECTED_USER', clusterId },
    ] } })
  })

  it('the schema refuses raw SQL that would drop, rename or demote db_admin', () => {
    expect(() => raw.prepare('DELETE FROM cluster_users WHERE cluster_id = ?').run(clusterId)).toThrow(/db_admin cannot be dropped/)
    expect(() => raw.prepare("UPDATE cluster_users SET username = 'root' WHERE cluster_id = ?").run(clusterId)).toThrow(/renamed or demoted/)
    expect(() => raw.prepare("UPDATE cluster_users SET role = 'read_only' WHERE cluster_id = ?").run(clusterId)).toThrow(/renamed or demoted/)
    expect(() => raw.prepare('UPDATE cluster_users SET is_default_admin = 0 WHERE cluster_id = ?').run(clusterId)).toThrow(/renamed or demoted/)
    untouched()
  })
})


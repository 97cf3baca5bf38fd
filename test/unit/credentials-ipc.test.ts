/**
 * The cluster-credential channels end to end through the real dispatcher and handler
 * table: every output passes its contract schema, and the show-once and clipboard
 * channels behave as the renderer relies on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import type { IpcResponse } from '@shared/errors'
import { DEFAULT_SETTINGS } from '@shared/policy/settings'
import { createCore, type Core } from '../../electron/core/core'
import { FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createMemoryLogger } from '../../electron/core/log'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { OWNER, OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch'
import { handlers } from '../../electron/main/ipc/handlers'

const APP_ORIGIN = 'http://127.0.0.1:5199'
const TRUSTED = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

describe('cluster credential channels', () => {
  let dataDir: string
  let core: Core
  let dispatch: Dispatch
  const copied: Array<{ text: string; clearAfterMs: number }> = []

  async function ok<T>(channel: string, payload: unknown): Promise<T> {
    const response = (await dispatch(channel, payload, TRUSTED)) as IpcResponse<T>
    if (!response.ok) throw new Error(`${channel}: ${response.error.code} ${response.error.message}`)
    return response.value
  }

  beforeEach(async () => {
    dataDir = makeTempDir()
    core = await createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger: createMemoryLogger() })
    dispatch = createDispatcher({
      core,
      handlers,
      ports: { copySecretToClipboard: (text, clearAfterMs) => copied.push({ text, clearAfterMs }) },
      appOrigin: APP_ORIGIN,
      logger: createMemoryLogger(),
    })
    await ok('workspace.create', { ...OWNER, passphrase: OWNER_PASSPHRASE })
  })
  afterEach(() => {
    core.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('walks projects → clusters → users → reveal → verify → audit', async () => {
    const project = await ok<{ id: string; myRole: string }>('projects.create', { name: 'Orders' })
    expect(project.myRole).toBe('owner')
    const created = await ok<{ cluster: { id: string; canManageUsers: boolean }; reveal: { ticketId: string } }>('clusters.create', {
      projectId: project.id, name: 'orders-prod', endpoint: 'https://in01-x.example:19530', dbAdminPassword: { mode: 'typed', password: 'Admin-Pass-77' },
    })
    expect(created.cluster.canManageUsers).toBe(true)
    expect(await ok('reveal.open', { ticketId: created.reveal.ticketId })).toMatchObject({ username: 'db_admin', password: 'Admin-Pass-77' })
    const second = await dispatch('reveal.open', { ticketId: created.reveal.ticketId }, TRUSTED)
    expect(second).toMatchObject({ ok: false, error: { code: 'REVEAL_CONSUMED' } })

    const clusterId = created.cluster.id
    const added = await ok<{ reveal: { ticketId: string } }>('clusterUsers.add', { clusterId, username: 'reader', role: 'read_only', password: { mode: 'generate' } })
    const { password } = await ok<{ password: string }>('reveal.open', { ticketId: added.reveal.ticketId })
    expect(await ok('clusterUsers.verifyCredential', { clusterId, username: 'reader', password })).toEqual({ valid: true, role: 'read_only' })
    expect(await ok('clusterUsers.changeRole', { clusterId, username: 'reader', role: 'read_write' })).toMatchObject({ role: 'read_write' })
    const reset = await ok<{ reveal: { ticketId: string } }>('clusterUsers.resetPassword', { clusterId, username: 'reader', password: { mode: 'generate', length: 32 } })
    await ok('reveal.dismiss', { ticketId: reset.reveal.ticketId })
    expect(await ok('clusterUsers.drop', { clusterId, username: 'reader', confirmUsername: 'reader' })).toBeNull()
    expect(await ok('clusterUsers.list', { clusterId })).toHaveLength(1)
    expect(await ok('clusters.list', {})).toHaveLength(1)
    expect(await ok('clusters.get', { clusterId })).toMatchObject({ userCount: 1 })

    const audit = await ok<{ rows: Array<{ action: string }> }>('audit.list', { filter: { clusterId }, limit: 50 })
    expect(audit.rows.map((row) => row.action)).toContain('clusterUser.drop')
    const verified = await ok<{ headReceipt: string }>('audit.verify', {})
    expect(verified).toMatchObject({ ok: true, firstBrokenRowId: null, anchor: { status: 'verified' } })
    expect(await ok('audit.verify', { receipt: verified.headReceipt })).toMatchObject({ ok: true, receipt: { status: 'matches' } })
    const call = (channel: string, payload: unknown) => dispatch(channel, payload, TRUSTED)
    expect(await call('audit.verify', { receipt: 'x'.repeat(65) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call('audit.list', { filter: { action: 'no.suchAction' }, limit: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await call('audit.list', { filter: { text: 'x'.repeat(201) }, limit: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const { csv } = await ok<{ csv: string }>('audit.exportCsv', { filter: {} })
    expect(csv).not.toContain(password)
    expect(csv.split('\r\n')[0]).toContain('prev_hash,row_hash')
  })

  it('members: add shows the code once; list and update pass the contract', async () => {
    const project = await ok<{ id: string }>('projects.create', { name: 'Orders' })
    const added = await ok<{ member: { id: string; status: string }; enrollment: { code: string } }>('members.add', {
      displayName: 'Nia New', email: 'nia@acme.example', orgRole: 'member', projectRoles: [{ projectId: project.id, role: 'read_only' }],
    })
    expect(added.member.status).toBe('pending')
    const listed = await ok<Array<{ id: string }>>('members.list', {})
    expect(JSON.stringify(listed)).not.toContain(added.enrollment.code)
    expect(await ok('members.update', { accountId: added.member.id, projectRoles: [{ projectId: project.id, role: 'owner' }] }))
      .toMatchObject({ projectRoles: [{ role: 'owner' }] })
    const fresh = await ok<{ code: string }>('members.reissueEnrollment', { accountId: added.member.id })
    await ok('session.signOut', {})
    const session = await ok<{ account: { id: string } }>('enrollment.redeem', { email: 'nia@acme.example', code: fresh.code, passphrase: 'nia chooses a long passphrase' })
    expect(session.account.id).toBe(added.member.id)
  })

  it('copies a secret through the platform port with the account\'s clipboard delay (default 20 s, configurable)', async () => {
    const before = Date.now()
    const defaultMs = DEFAULT_SETTINGS.clipboardClearSeconds * 1000
    const { clearsAt } = await ok<{ clearsAt: number }>('clipboard.copySecret', { text: 'Copied-Pass-1' })
    expect(copied.at(-1)).toEqual({ text: 'Copied-Pass-1', clearAfterMs: defaultMs })
    expect(clearsAt).toBeGreaterThanOrEqual(before + defaultMs)
    await ok('settings.update', { clipboardClearSeconds: 45 })
    await ok('clipboard.copySecret', { text: 'Copied-Pass-2' })
    expect(copied.at(-1)).toEqual({ text: 'Copied-Pass-2', clearAfterMs: 45_000 })
  })

  it('signing out kills open tickets', async () => {
    const project = await ok<{ id: string }>('projects.create', { name: 'Orders' })
    const created = await ok<{ reveal: { ticketId: string } }>('clusters.create', {
      projectId: project.id, name: 'c1', endpoint: 'https://h.example:19530', dbAdminPassword: { mode: 'generate' },
    })
    await ok('session.signOut', {})
    expect(core.reveals.liveCount).toBe(0)
    const accounts = await ok<Array<{ id: string }>>('accounts.listForSignIn', {})
    await ok('session.signIn', { accountId: accounts[0]!.id, passphrase: OWNER_PASSPHRASE })
    expect(await dispatch('reveal.open', { ticketId: created.reveal.ticketId }, TRUSTED)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

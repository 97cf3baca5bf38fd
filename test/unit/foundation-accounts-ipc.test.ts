/**
 * The foundation slice through main's real dispatcher and handler table, in plain Node:
 * first run → signed in → sign out → wrong passphrase → sign in → change passphrase →
 * sign in with the new one, plus a restart of the core on the same data folder.
 */
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcResponse } from '@shared/errors'
import type { SessionInfo } from '@shared/ipc/contract'
import { PASSPHRASE_MAX_LENGTH } from '@shared/policy/passphrase'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createCore, type Core } from '../../electron/core/core'
import { FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { createMemoryLogger } from '../../electron/core/log'
import { createManualClock } from '../../electron/core/testing/manualClock'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch'
import { handlers } from '../../electron/main/ipc/handlers'

// The Chromium bridge's kind of origin (http). Electron's own app:// origin is not used
// here: Node's URL gives non-special schemes the origin "null".
const APP_ORIGIN = 'http://cluster-credentials.test'
const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`
const APP_FRAME = { url: APP_ENTRY_URL, isMainFrame: true }
const FIRST_RUN = {
  organizationName: 'Acme Vector Ops',
  displayName: 'Ada Owner',
  email: 'ada@acme.example',
  passphrase: 'correct horse battery staple',
}
const NEW_PASSPHRASE = 'a second, different passphrase'

let dataDir: string
let core: Core
let dispatch: Dispatch
const clock = createManualClock()
const logger = createMemoryLogger()

async function start(): Promise<void> {
  core = await createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger, clock })
  dispatch = createDispatcher({
    core,
    handlers,
    ports: { copySecretToClipboard: () => undefined },
    appOrigin: APP_ORIGIN,
    logger,
  })
}

async function call(channel: string, payload: unknown): Promise<IpcResponse<unknown>> {
  return dispatch(channel, payload, APP_FRAME)
}

async function value<T>(channel: string, payload: unknown): Promise<T> {
  const response = await call(channel, payload)
  if (!response.ok) throw new Error(`${channel} failed: ${response.error.code} ${response.error.message}`)
  return response.value as T
}

async function errorOf(channel: string, payload: unknown) {
  const response = await call(channel, payload)
  expect(response.ok).toBe(false)
  return (response as Extract<IpcResponse<unknown>, { ok: false }>).error
}

beforeEach(async () => {
  dataDir = makeTempDir('cc-foundation-')
  await start()
})
afterEach(() => {
  core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('foundation slice over IPC', () => {
  it('first run, sign out, wrong passphrase, sign in, change passphrase, sign in with the new one', async () => {
    expect(await value('app.status', {})).toEqual({ workspace: null, session: null })

    const weak = await errorOf('workspace.create', { ...FIRST_RUN, passphrase: 'short' })
    expect(weak).toMatchObject({ code: 'INVALID_INPUT', field: 'passphrase' })

    const owner = await value<SessionInfo>('workspace.create', FIRST_RUN)
    expect(owner).toMatchObject({ orgRole: 'owner', account: { displayName: 'Ada Owner' } })
    expect(await value('app.status', {})).toEqual({ workspace: { organizationName: 'Acme Vector Ops' }, session: owner })
    expect(await value('accounts.listForSignIn', {})).toEqual([owner.account])
    expect((await errorOf('workspace.create', FIRST_RUN)).code).toBe('WORKSPACE_EXISTS')

    expect(await value('session.signOut', {})).toBeNull()
    expect(await value('app.status', {})).toMatchObject({ session: null })
    expect((await errorOf('session.signOut', {})).code).toBe('UNAUTHENTICATED')
    expect((await errorOf('session.changePassphrase', { currentPassphrase: FIRST_RUN.passphrase, newPassphrase: NEW_PASSPHRASE })).code).toBe(
      'UNAUTHENTICATED',
    )

    const wrong = await errorOf('session.signIn', { accountId: owner.account.id, passphrase: 'not the passphrase' })
    expect(wrong).toMatchObject({ code: 'WRONG_PASSPHRASE', field: 'passphrase' })
    expect(await value('session.signIn', { accountId: owner.account.id, passphrase: FIRST_RUN.passphrase })).toEqual(owner)

    expect(
      await value('session.changePassphrase', { currentPassphrase: FIRST_RUN.passphrase, newPassphrase: NEW_PASSPHRASE }),
    ).toBeNull()
    await value('session.signOut', {})
    expect((await errorOf('session.signIn', { accountId: owner.account.id, passphrase: FIRST_RUN.passphrase })).code).toBe(
      'WRONG_PASSPHRASE',
    )
    expect(await value('session.signIn', { accountId: owner.account.id, passphrase: NEW_PASSPHRASE })).toEqual(owner)
  })

  it('after a restart the workspace is there, nobody is signed in, and the throttle still holds', async () => {
    const owner = await value<SessionInfo>('workspace.create', FIRST_RUN)
    await value('session.signOut', {})
    for (let attempt = 1; attempt <= 4; attempt++) {
      await errorOf('session.signIn', { accountId: owner.account.id, passphrase: `wrong ${attempt} passphrase` })
    }
    core.close()
    await start()

    expect(await value('app.status', {})).toEqual({ workspace: { organizationName: 'Acme Vector Ops' }, session: null })
    const throttled = await errorOf('session.signIn', { accountId: owner.account.id, passphrase: FIRST_RUN.passphrase })
    expect(throttled).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1_000 })
    clock.advance(1_000)
    expect(await value('session.signIn', { accountId: owner.account.id, passphrase: FIRST_RUN.passphrase })).toEqual(owner)
  })

  it('rejects malformed account payloads with INVALID_INPUT before any handler runs', async () => {
    const malformed: [string, unknown][] = [
      ['app.status', { extra: true }],
      ['workspace.create', { ...FIRST_RUN, orgRole: 'owner' }],
      ['workspace.create', { ...FIRST_RUN, passphrase: 42 }],
      ['workspace.create', { ...FIRST_RUN, passphrase: 'x'.repeat(PASSPHRASE_MAX_LENGTH + 1) }],
      ['workspace.create', { ...FIRST_RUN, email: 'a'.repeat(300) + '@example.com' }],
      ['accounts.listForSignIn', null],
      ['session.signIn', { accountId: '', passphrase: FIRST_RUN.passphrase }],
      ['session.signIn', { accountId: 'acc_x' }],
      ['session.signIn', 'acc_x'],
      ['session.changePassphrase', { currentPassphrase: 'a', newPassphrase: ['b'] }],
    ]
    for (const [channel, payload] of malformed) {
      expect((await errorOf(channel, payload)).code, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe('INVALID_INPUT')
    }
    expect(await value('app.status', {})).toEqual({ workspace: null, session: null })
  })

  it('refuses a foreign sender before looking at the request', async () => {
    const foreign = await dispatch('workspace.create', FIRST_RUN, { url: 'https://evil.example/', isMainFrame: true })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FOREIGN_SENDER' } })
    const subframe = await dispatch('app.status', {}, { url: APP_ENTRY_URL, isMainFrame: false })
    expect(subframe).toMatchObject({ ok: false, error: { code: 'FOREIGN_SENDER' } })
    expect(await value('app.status', {})).toEqual({ workspace: null, session: null })
  })
})

/**
 * A workspace driven through the real dispatcher and handler table, for vault tests: the
 * owner (Organization Owner) with a project, a cluster and a `reader` cluster user, and
 * helpers to add and sign in a second account. Passphrases here are test data.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { AppErrorPayload, IpcResponse } from '@shared/errors'
import type { ChannelInput, ChannelOutput, Channel } from '@shared/ipc/contract'
import { createCore, type Core } from '../../../electron/core/core'
import { FAST_TEST_KDF } from '../../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../../electron/core/crypto/passwordHash'
import { createMemoryLogger } from '../../../electron/core/log'
import { makeTempDir } from '../../../electron/core/testing/tempDir'
import { createManualClock, type ManualClock } from '../../../electron/core/testing/manualClock'
import { OWNER, OWNER_PASSPHRASE } from '../../../electron/core/testing/fixtures'
import { createDispatcher, type Dispatch } from '../../../electron/main/ipc/dispatch'
import { handlers } from '../../../electron/main/ipc/handlers'
import type { LockTimers } from '../../../electron/core/autoLock'

const APP_ORIGIN = 'http://127.0.0.1:5199'
const TRUSTED = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

export const READER_PASSWORD = 'Reader-Pass-1x'
/** TEST ONLY: a cheap age scrypt cost so backup tests stay fast; production uses age's 18. */
export const TEST_BACKUP_SCRYPT_LOG_N = 10

export class CallError extends Error {
  constructor(readonly payload: AppErrorPayload) {
    super(`${payload.code}: ${payload.message}`)
  }
  get code() {
    return this.payload.code
  }
}

/** Timers the test fires by hand (the idle auto-lock). */
export function createManualTimers(): LockTimers & { fire(): void; pending(): number } {
  const timers = new Map<number, () => void>()
  let next = 1
  return {
    setTimeout: (callback) => {
      const handle = next++
      timers.set(handle, callback)
      return handle
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    fire: () => {
      const callbacks = [...timers.values()]
      timers.clear()
      for (const callback of callbacks) callback()
    },
    pending: () => timers.size,
  }
}

export interface VaultWorld {
  core: Core
  dataDir: string
  clock: ManualClock
  timers: ReturnType<typeof createManualTimers>
  logger: ReturnType<typeof createMemoryLogger>
  dispatch: Dispatch
  copied: Array<{ text: string; clearAfterMs: number }>
  ownerId: string
  projectId: string
  clusterId: string
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  /** The error code a call fails with (fails the test if it succeeds). */
  refusal(channel: Channel, input: unknown): Promise<string>
  /** Adds an account (org role given) with a passphrase and leaves it signed in. */
  addAccount(name: string, orgRole: 'owner' | 'member', passphrase: string): Promise<string>
  signIn(accountId: string, passphrase: string): Promise<void>
  /** A cluster user with a known password, added through the ticket path; returns the open ticket id. */
  addClusterUser(username: string, password: string, clusterId?: string): Promise<string>
  /** A second connection to the workspace file, for inspecting and damaging rows. */
  raw(): Database.Database
  close(): void
  cleanup(): void
}

export async function createVaultWorld(options: { dataDir?: string; skipSetup?: boolean } = {}): Promise<VaultWorld> {
  const dataDir = options.dataDir ?? makeTempDir()
  const clock = createManualClock()
  const timers = createManualTimers()
  const logger = createMemoryLogger('debug')
  const core = await createCore({
    dataDir,
    kdf: FAST_TEST_KDF,
    passwordHashing: FAST_TEST_PASSWORD_HASHING,
    logger,
    clock,
    backup: { scryptLogN: TEST_BACKUP_SCRYPT_LOG_N },
    lockTimers: timers,
  })
  const copied: Array<{ text: string; clearAfterMs: number }> = []
  const dispatch = createDispatcher({
    core,
    handlers,
    ports: { copySecretToClipboard: (text, clearAfterMs) => copied.push({ text, clearAfterMs }) },
    appOrigin: APP_ORIGIN,
    logger,
  })
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const response = (await dispatch(channel, input, TRUSTED)) as IpcResponse<ChannelOutput<C>>
    if (!response.ok) throw new CallError(response.error)
    return response.value
  }
  const refusal = async (channel: Channel, input: unknown) => {
    const response = await dispatch(channel, input, TRUSTED)
    if (response.ok) throw new Error(`${channel} succeeded but was expected to fail`)
    return response.error.code
  }
  let raw: Database.Database | null = null
  const closeRaw = () => {
    if (raw?.open) raw.close()
    raw = null
  }
  const world: VaultWorld = {
    core,
    dataDir,
    clock,
    timers,
    logger,
    dispatch,
    copied,
    ownerId: '',
    projectId: '',
    clusterId: '',
    call,
    refusal,
    async addAccount(name, orgRole, passphrase) {
      const added = await call('members.add', {
        displayName: name,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}@acme.example`,
        orgRole,
        projectRoles: orgRole === 'owner' ? [] : [{ projectId: world.projectId, role: 'read_only' }],
      })
      await call('session.signOut', {})
      await call('enrollment.redeem', { email: added.member.email, code: added.enrollment.code, passphrase })
      return added.member.id
    },
    async signIn(accountId, passphrase) {
      await call('session.signIn', { accountId, passphrase })
    },
    async addClusterUser(username, password, clusterId = world.clusterId) {
      const added = await call('clusterUsers.add', { clusterId, username, role: 'read_write', password: { mode: 'typed', password } })
      return added.reveal.ticketId
    },
    raw: () => (raw ??= new Database(join(dataDir, 'workspace.db'))),
    close: () => {
      closeRaw()
      core.close()
    },
    cleanup: () => {
      closeRaw()
      core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
  if (!options.skipSetup) {
    const session = await call('workspace.create', { ...OWNER, passphrase: OWNER_PASSPHRASE })
    world.ownerId = session.account.id
    const project = await call('projects.create', { name: 'Orders' })
    world.projectId = project.id
    const created = await call('clusters.create', {
      projectId: project.id,
      name: 'orders-prod',
      endpoint: 'https://in01-orders.example:19530',
      dbAdminPassword: { mode: 'typed', password: 'Admin-Pass-77x' },
    })
    await call('reveal.dismiss', { ticketId: created.reveal.ticketId })
    world.clusterId = created.cluster.id
    const reader = await world.addClusterUser('reader', READER_PASSWORD)
    await call('reveal.dismiss', { ticketId: reader })
  }
  return world
}

/**
 * Workspaces for handoff tests: a real Core (fast test KDF and hashing, manual clock,
 * memory logger) with an Organization Owner, a cluster `orders-prod` and a cluster user
 * `app_reader` whose password the test chooses, plus an enrolled member when asked.
 */
import { rmSync } from 'node:fs'
import { createCore, type Core } from '../../../electron/core/core'
import { FAST_TEST_PASSWORD_HASHING } from '../../../electron/core/crypto/passwordHash'
import { FAST_TEST_KDF } from '../../../electron/core/crypto/kdf'
import { createMemoryLogger } from '../../../electron/core/log'
import type { Actor } from '../../../electron/core/session'
import { createManualClock, type ManualClock } from '../../../electron/core/testing/manualClock'
import { makeTempDir } from '../../../electron/core/testing/tempDir'

export const PASSPHRASE = 'correct horse battery staple'

export interface HandoffWorkspace {
  core: Core
  dataDir: string
  clock: ManualClock
  logger: ReturnType<typeof createMemoryLogger>
  owner: Actor
  /** Present when created with a member. */
  member: Actor | null
  clusterId: string
  /** Resets app_reader to `password` as the owner and returns the (unopened) show-once ticket id. */
  ticketFor(password: string): string
  signInAs(actor: Actor): Promise<void>
  cleanup(): void
}

export async function createHandoffWorkspace(options: {
  organization: string
  owner: { displayName: string; email: string }
  member?: { displayName: string; email: string }
  clock?: ManualClock
}): Promise<HandoffWorkspace> {
  const dataDir = makeTempDir()
  const clock = options.clock ?? createManualClock(Date.UTC(2026, 11, 1))
  const logger = createMemoryLogger()
  const core = await createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger, clock })
  const session = await core.accounts.createWorkspace({ organizationName: options.organization, ...options.owner, passphrase: PASSPHRASE })
  const owner: Actor = { accountId: session.account.id, displayName: session.account.displayName }
  const project = core.projects.create(owner, { name: 'Orders' })
  const created = core.clusters.create(owner, {
    projectId: project.id,
    name: 'orders-prod',
    endpoint: 'https://in01-orders.aws-us-west-2.vectordb.example:19530',
    dbAdminPassword: { mode: 'generate' },
  })
  core.reveals.dismiss(owner, created.reveal.ticketId)
  const clusterId = created.cluster.id
  const added = core.clusterUsers.add(owner, { clusterId, username: 'app_reader', role: 'read_only', password: { mode: 'generate' } })
  core.reveals.dismiss(owner, added.reveal.ticketId)

  let member: Actor | null = null
  if (options.member) {
    const { member: pending, enrollment } = core.members.add(owner, { ...options.member, orgRole: 'member', projectRoles: [] })
    core.accounts.signOut()
    const memberSession = await core.members.redeem(options.member.email, enrollment.code, PASSPHRASE)
    member = { accountId: memberSession.account.id, displayName: memberSession.account.displayName }
    expectSame(pending.id, member.accountId)
    core.accounts.signOut()
    await core.accounts.signIn(owner.accountId, PASSPHRASE)
  }

  return {
    core,
    dataDir,
    clock,
    logger,
    owner,
    member,
    clusterId,
    ticketFor(password) {
      const { reveal } = core.clusterUsers.resetPassword(owner, { clusterId, username: 'app_reader', password: { mode: 'typed', password } })
      return reveal.ticketId
    },
    async signInAs(actor) {
      core.accounts.signOut()
      await core.accounts.signIn(actor.accountId, PASSPHRASE)
    },
    cleanup() {
      core.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function expectSame(a: string, b: string): void {
  if (a !== b) throw new Error(`enrolled a different account (${a} vs ${b})`)
}

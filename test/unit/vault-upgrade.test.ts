/**
 * Upgrade: a workspace written by the schema before the vault (today's main, the newest version before 5)
 * opens, migrates in place to the vault schema, and loses nothing: every row of every
 * table is still there, the owner signs in with the same passphrase, cluster passwords
 * still verify, and the vault and staleness work on the migrated cluster users.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations'
import { openDatabase } from '../../electron/core/db/database'
import { loadSodium } from '../../electron/core/crypto/sodium'
import { FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createMemoryLogger } from '../../electron/core/log'
import { SessionState } from '../../electron/core/session'
import { createWorkerKeyDeriver } from '../../electron/core/crypto/kdfWorker'
import { RequestTransactions } from '../../electron/core/db/requestTransactions'
import { AuditLog } from '../../electron/core/audit/auditLog'
import { AccountService } from '../../electron/core/accounts/accountService'
import { ProjectService } from '../../electron/core/projects/projectService'
import { ClusterService } from '../../electron/core/clusters/clusterService'
import { ClusterUserService } from '../../electron/core/clusters/clusterUserService'
import { RevealService } from '../../electron/core/reveal/revealService'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { createManualClock } from '../../electron/core/testing/manualClock'
import { OWNER, OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import { createVaultWorld, type VaultWorld } from './support/vaultWorld'

/** The newest schema before the vault's migration 5: today's main. */
const PRE_VAULT_VERSION = Math.max(...MIGRATIONS.filter((m) => m.version < 5).map((m) => m.version))
const OLD_TABLES = ['organization', 'accounts', 'account_keys', 'attempt_throttle', 'enrollments', 'projects', 'project_members', 'clusters', 'cluster_users', 'audit_log'] as const

describe('upgrade to the vault schema', () => {
  let world: VaultWorld | null = null
  afterEach(() => world?.cleanup())

  it('migrates a pre-vault workspace in place with nothing lost', async () => {
    const dataDir = makeTempDir()
    const clock = createManualClock()
    // Today's services on today's schema (every migration before 5), exactly as main writes a workspace.
    const db = openDatabase(join(dataDir, 'workspace.db'), { logger: createMemoryLogger(), migrations: MIGRATIONS.filter((m) => m.version <= PRE_VAULT_VERSION) })
    expect(db.pragma('user_version', { simple: true })).toBe(PRE_VAULT_VERSION)
    const sodium = await loadSodium()
    const session = new SessionState(sodium)
    const kdfWorker = createWorkerKeyDeriver()
    const deps = { db, sodium, clock, kdf: FAST_TEST_KDF, deriveKey: kdfWorker.derive, passwordHashing: FAST_TEST_PASSWORD_HASHING, session, logger: createMemoryLogger(), audit: new AuditLog({ db, sodium, clock }), requests: new RequestTransactions(db, createMemoryLogger()) }
    const accounts = new AccountService(deps)
    const reveals = new RevealService(deps)
    const owner = await accounts.createWorkspace({ ...OWNER, passphrase: OWNER_PASSPHRASE })
    const actor = { accountId: owner.account.id, displayName: owner.account.displayName }
    const project = new ProjectService(deps).create(actor, { name: 'Orders' })
    const { cluster } = new ClusterService(deps, reveals).create(actor, { projectId: project.id, name: 'orders-prod', endpoint: 'https://o.example', dbAdminPassword: { mode: 'generate' } })
    new ClusterUserService(deps, reveals).add(actor, { clusterId: cluster.id, username: 'reader', role: 'read_only', password: { mode: 'typed', password: 'Reader-Pass-1x' } })
    reveals.wipeAll()
    session.end()
    const before = Object.fromEntries(OLD_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]))
    db.close()
    await kdfWorker.close()

    world = await createVaultWorld({ dataDir, skipSetup: true })
    const raw = world.raw()
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    for (const table of OLD_TABLES) {
      const after = raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[]
      // cluster_users gains credential_version (0 for users that existed before); nothing else changes.
      const comparable = after.map((row) => {
        const { credential_version: _version, ...rest } = row
        return table === 'cluster_users' ? rest : row
      })
      expect(comparable, table).toEqual(before[table])
    }

    await world.signIn(owner.account.id, OWNER_PASSPHRASE)
    expect(await world.call('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'reader', password: 'Reader-Pass-1x' })).toEqual({ valid: true, role: 'read_only' })
    const entry = await world.call('vault.add', { title: 'reader', clusterId: cluster.id, endpoint: '', username: 'reader', password: 'Reader-Pass-1x', notes: '', tags: [] })
    expect(entry.state).toBe('current')
    const reset = await world.call('clusterUsers.resetPassword', { clusterId: cluster.id, username: 'reader', password: { mode: 'generate' } })
    await world.call('reveal.dismiss', { ticketId: reset.reveal.ticketId })
    expect((await world.call('vault.get', { entryId: entry.id })).state).toBe('outdated')
    expect(world.core.audit.verifyChain().ok).toBe(true)
  })
})

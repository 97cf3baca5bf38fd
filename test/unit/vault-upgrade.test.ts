/**
 * Upgrade: a workspace written by the schema before the vault (today's main, the newest version before 5)
 * opens, migrates in place to the vault schema, and loses nothing: every row of every
 * table is still there, the owner signs in with the same passphrase, cluster passwords
 * still verify, and the vault and staleness work on the migrated cluster users.
 *
 * And a vault written by schema 6 (before search text, sort keys and clear history dates)
 * gets its keys filled in place by migration 7 and its history dates at the owner's next sign-in.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
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
import { vaultEntryKeys } from '../../electron/core/vault/vaultKeys'

/** The newest schema before the vault's migration 5: today's main. */
const PRE_VAULT_VERSION = Math.max(...MIGRATIONS.filter((m) => m.version < 5).map((m) => m.version))
function entryFields(title: string) {
  return { title, clusterId: null, endpoint: 'https://x.example', username: 'svc', password: 'Pass-1-long', notes: '', tags: [] }
}

const OLD_TABLES = [
  'organization',
  'accounts',
  'account_keys',
  'attempt_throttle',
  'enrollments',
  'projects',
  'project_members',
  'clusters',
  'cluster_users',
  'audit_log',
] as const

describe('upgrade to the vault schema', () => {
  let world: VaultWorld | null = null
  afterEach(() => world?.cleanup())

  it('migrates a pre-vault workspace in place with nothing lost', async () => {
    const dataDir = makeTempDir()
    const clock = createManualClock()
    // Today's services on today's schema (every migration before 5), exactly as main writes a workspace.
    const db = openDatabase(join(dataDir, 'workspace.db'), {
      logger: createMemoryLogger(),
      migrations: MIGRATIONS.filter((m) => m.version <= PRE_VAULT_VERSION),
    })
    expect(db.pragma('user_version', { simple: true })).toBe(PRE_VAULT_VERSION)
    const sodium = await loadSodium()
    const session = new SessionState(sodium)
    const kdfWorker = createWorkerKeyDeriver()
    const deps = {
      db,
      sodium,
      clock,
      kdf: FAST_TEST_KDF,
      deriveKey: kdfWorker.derive,
      passwordHashing: FAST_TEST_PASSWORD_HASHING,
      session,
      logger: createMemoryLogger(),
      audit: new AuditLog({ db, sodium, clock }),
      requests: new RequestTransactions(db, createMemoryLogger()),
    }
    const accounts = new AccountService(deps)
    const reveals = new RevealService(deps)
    const owner = await accounts.createWorkspace({ ...OWNER, passphrase: OWNER_PASSPHRASE })
    const actor = { accountId: owner.account.id, displayName: owner.account.displayName }
    const project = new ProjectService(deps).create(actor, { name: 'Orders' })
    const { cluster } = new ClusterService(deps, reveals).create(actor, {
      projectId: project.id,
      name: 'orders-prod',
      endpoint: 'https://o.example',
      dbAdminPassword: { mode: 'generate' },
    })
    new ClusterUserService(deps, reveals).add(actor, {
      clusterId: cluster.id,
      username: 'reader',
      role: 'read_only',
      password: { mode: 'typed', password: 'Reader-Pass-1x' },
    })
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
    expect(
      await world.call('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'reader', password: 'Reader-Pass-1x' }),
    ).toEqual({ valid: true, role: 'read_only' })
    const entry = await world.call('vault.add', {
      title: 'reader',
      clusterId: cluster.id,
      endpoint: '',
      username: 'reader',
      password: 'Reader-Pass-1x',
      notes: '',
      tags: [],
    })
    expect(entry.state).toBe('current')
    const reset = await world.call('clusterUsers.resetPassword', {
      clusterId: cluster.id,
      username: 'reader',
      password: { mode: 'generate' },
    })
    await world.call('reveal.dismiss', { ticketId: reset.reveal.ticketId })
    expect((await world.call('vault.get', { entryId: entry.id })).state).toBe('outdated')
    expect(world.core.audit.verifyChain().ok).toBe(true)
  })

  it('fills the search text and sort keys of a schema 6 vault in place, and its history dates at the next sign-in', async () => {
    const dataDir = makeTempDir()
    world = await createVaultWorld({ dataDir })
    const tagged = await world.call('vault.add', {
      title: 'Éclair 10',
      clusterId: world.clusterId,
      endpoint: '',
      username: 'reader',
      password: 'Reader-Pass-1x',
      notes: '',
      tags: ['Prod', 'EU'],
    })
    const edited = await world.call('vault.add', {
      title: 'edited twice',
      clusterId: null,
      endpoint: 'https://x.example',
      username: 'svc',
      password: 'First-Pass-1',
      notes: '',
      tags: [],
    })
    for (const password of ['Second-Pass-2', 'Third-Pass-3']) {
      world.clock.advance(3_600_000)
      await world.call('vault.update', { entryId: edited.id, password })
    }
    const damaged = await world.call('vault.add', { ...entryFields('damaged'), password: 'Old-Pass-1' })
    await world.call('vault.update', { entryId: damaged.id, password: 'New-Pass-2' })
    const dates = (await world.call('vault.get', { entryId: edited.id })).history
    expect(dates.map((item) => item.replacedAt)).toEqual([world.clock(), world.clock() - 3_600_000])
    const ownerId = world.ownerId
    world.close()

    // Back to exactly what schema 6 wrote: no keys, no clear dates, the account-only index.
    const schema6 = openDatabase(join(makeTempDir(), 'workspace.db'), {
      logger: createMemoryLogger(),
      migrations: MIGRATIONS.filter((m) => m.version <= 6),
    })
    const shapeOf = (db: Database.Database) => ({
      columns: db.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(\'vault_entries\')').all(),
      indexes: db.prepare("SELECT name FROM pragma_index_list('vault_entries') ORDER BY name").all(),
    })
    const old = new Database(join(dataDir, 'workspace.db'))
    old.exec(`
      DROP INDEX vault_entries_by_title; DROP INDEX vault_entries_history_dates_unknown; DROP INDEX vault_entries_linked;
      ALTER TABLE vault_entries DROP COLUMN search_text; ALTER TABLE vault_entries DROP COLUMN title_key;
      ALTER TABLE vault_entries DROP COLUMN username_key; ALTER TABLE vault_entries DROP COLUMN cluster_key;
      ALTER TABLE vault_entries DROP COLUMN endpoint_key; ALTER TABLE vault_entries DROP COLUMN history_dates;
      CREATE INDEX vault_entries_by_account ON vault_entries(account_id);
      PRAGMA user_version = 6;
    `)
    const history = old.prepare<[string], Buffer>('SELECT history_sealed FROM vault_entries WHERE id = ?').pluck().get(damaged.id)!
    history[5] = history[5]! ^ 0x01
    old.prepare('UPDATE vault_entries SET history_sealed = ? WHERE id = ?').run(history, damaged.id)
    expect(shapeOf(old)).toEqual(shapeOf(schema6))
    schema6.close()
    old.close()

    world = await createVaultWorld({ dataDir, skipSetup: true })
    const raw = world.raw()
    const row = (id: string) =>
      raw
        .prepare('SELECT search_text, title_key, username_key, cluster_key, endpoint_key, history_dates FROM vault_entries WHERE id = ?')
        .get(id)
    expect(row(tagged.id)).toEqual({
      ...vaultEntryKeys({
        title: 'Éclair 10',
        username: 'reader',
        clusterName: 'orders-prod',
        endpoint: tagged.endpoint,
        tags: ['Prod', 'EU'],
      }),
      history_dates: '[]',
    })
    expect(row(edited.id)).toMatchObject({ title_key: 'edited twice', history_dates: null })

    await world.signIn(ownerId, OWNER_PASSPHRASE)
    expect(row(edited.id)).toMatchObject({ history_dates: JSON.stringify(dates.map((item) => item.replacedAt)) })
    expect((await world.call('vault.get', { entryId: edited.id })).history).toEqual(dates)
    expect((await world.call('vault.list', { query: 'eclair prod orders-prod' })).entries.map((entry) => entry.id)).toEqual([tagged.id])
    expect((await world.call('vault.list', {})).entries.map((entry) => entry.id)).toEqual([damaged.id, tagged.id, edited.id])
    // A history that no longer opens keeps its count with unknown dates, and the sign-in stands.
    expect((await world.call('vault.get', { entryId: damaged.id })).history).toEqual([{ index: 1, replacedAt: null }])
    expect(world.logger.lines.join('\n')).toContain('vault.historyDatesUnreadable')
    expect(await world.refusal('vault.revealPassword', { entryId: damaged.id, historyIndex: 1 })).toBe('VAULT_ENTRY_CORRUPT')
    // Nothing left to fill: a later sign-in has no work.
    expect(raw.prepare('SELECT COUNT(*) AS n FROM vault_entries WHERE history_dates IS NULL').get()).toEqual({ n: 0 })
  })
})

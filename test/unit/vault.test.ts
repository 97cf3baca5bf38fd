/**
 * The vault through the real dispatcher: keeping from show-once, hand-added entries,
 * history, search, staleness, damaged entries, lock and auto-lock, and the plaintext scan.
 */
import { existsSync, readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { contract } from '@shared/ipc/contract'
import { CHANNELS } from '@shared/ipc/channels'
import { OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import { CallError, createVaultWorld, READER_PASSWORD, type VaultWorld } from './support/vaultWorld'

const VAULT_CHANNELS = CHANNELS.filter((channel) => channel.startsWith('vault.') || channel.startsWith('settings.'))

function entryInput(
  overrides: Partial<{
    title: string
    clusterId: string | null
    endpoint: string
    username: string
    password: string
    notes: string
    tags: string[]
  }> = {},
) {
  return {
    title: 'Staging search',
    clusterId: null,
    endpoint: 'https://staging.example:19530',
    username: 'svc_search',
    password: 'Typed-Secret-9',
    notes: '',
    tags: ['staging'],
    ...overrides,
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof CallError) return error.code
    throw error
  }
  throw new Error('expected a refusal')
}

describe('vault', () => {
  let world: VaultWorld
  beforeEach(async () => {
    world = await createVaultWorld()
  })
  afterEach(() => world.cleanup())

  it('keeps a show-once password from main: the ticket stays show-once and the entry records where it came from', async () => {
    const ticketId = await world.addClusterUser('writer', 'Writer-Pass-42')
    const shown = await world.call('reveal.open', { ticketId })
    expect(shown.password).toBe('Writer-Pass-42')
    // The renderer sends only the ticket id; the contract has no field for a password here.
    expect(Object.keys((contract['vault.keepFromReveal'].input as unknown as { shape: object }).shape)).not.toContain('password')
    const kept = await world.call('vault.keepFromReveal', { ticketId })
    expect(kept).toMatchObject({
      title: 'writer on orders-prod',
      clusterId: world.clusterId,
      clusterName: 'orders-prod',
      endpoint: 'https://in01-orders.example:19530',
      username: 'writer',
      clusterRole: 'read_write',
      origin: 'kept',
      state: 'current',
      source: { event: 'created', byName: 'Ada Owner' },
      historyCount: 0,
      hasNotes: false,
    })
    expect(kept.credentialVersion).toBeGreaterThan(0)
    // Still show-once: a second open is refused, and keeping did not reopen anything.
    expect(await world.refusal('reveal.open', { ticketId })).toBe('REVEAL_CONSUMED')
    await world.call('reveal.dismiss', { ticketId })
    expect(world.core.reveals.liveCount).toBe(0)
    expect(await world.refusal('vault.keepFromReveal', { ticketId })).toBe('REVEAL_CONSUMED')
    expect(await world.call('vault.revealPassword', { entryId: kept.id })).toEqual({ password: 'Writer-Pass-42', replacedAt: null })
  })

  it('a shown ticket that is never closed is wiped at expiry, like any ticket', async () => {
    const ticketId = await world.addClusterUser('writer', 'Writer-Pass-42')
    await world.call('reveal.open', { ticketId })
    world.clock.advance(5 * 60 * 1000)
    expect(await world.refusal('vault.keepFromReveal', { ticketId })).toBe('REVEAL_CONSUMED')
    expect(world.core.reveals.liveCount).toBe(0)
  })

  it('adds, edits with a 5-deep encrypted history, reveals notes and history, copies through main, deletes', async () => {
    const added = await world.call('vault.add', entryInput({ notes: 'rotates monthly' }))
    expect(added).toMatchObject({ state: 'unlinked', origin: 'manual', hasNotes: true, historyCount: 0, tags: ['staging'] })
    const replacedAt: number[] = []
    for (let index = 1; index <= 7; index++) {
      world.clock.advance(60_000)
      replacedAt.unshift(world.clock())
      await world.call('vault.update', { entryId: added.id, password: `Typed-Secret-${9 + index}` })
    }
    const detail = await world.call('vault.get', { entryId: added.id })
    expect(detail.historyCount).toBe(5)
    // When each earlier password was replaced is listed without opening anything (no audit row for a read).
    const reveals = () => rawDb(world).prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'vault.reveal'").get()
    const revealsBefore = reveals()
    expect(detail.history).toEqual(replacedAt.slice(0, 5).map((at, index) => ({ index: index + 1, replacedAt: at })))
    expect(reveals()).toEqual(revealsBefore)
    expect((await world.call('vault.revealPassword', { entryId: added.id, historyIndex: 2 })).replacedAt).toBe(
      detail.history[1]!.replacedAt,
    )
    expect((await world.call('vault.revealPassword', { entryId: added.id })).password).toBe('Typed-Secret-16')
    expect((await world.call('vault.revealPassword', { entryId: added.id, historyIndex: 1 })).password).toBe('Typed-Secret-15')
    expect((await world.call('vault.revealPassword', { entryId: added.id, historyIndex: 5 })).password).toBe('Typed-Secret-11')
    expect(await world.call('vault.revealNotes', { entryId: added.id })).toEqual({ notes: 'rotates monthly' })

    const { clearsAt } = await world.call('vault.copyPassword', { entryId: added.id })
    expect(world.copied.at(-1)).toEqual({ text: 'Typed-Secret-16', clearAfterMs: 20_000 })
    expect(clearsAt).toBeGreaterThan(0)

    const snippets = await world.call('vault.connectSnippets', { entryId: added.id })
    expect(snippets.snippets.map((snippet) => snippet.kind)).toEqual(['pymilvus', 'node', 'curl'])
    for (const snippet of snippets.snippets) {
      expect(snippet.text).not.toContain('Typed-Secret')
      expect(snippet.text).toContain('svc_search:<password>')
    }
    await world.call('vault.copySnippet', { entryId: added.id, kind: 'curl' })
    expect(world.copied.at(-1)!.text).toContain('Authorization: Bearer svc_search:Typed-Secret-16')

    await world.call('vault.remove', { entryId: added.id })
    expect(await world.refusal('vault.get', { entryId: added.id })).toBe('NOT_FOUND')
    const actions = rawDb(world)
      .prepare<[], { action: string }>("SELECT action FROM audit_log WHERE action LIKE 'vault.%'")
      .all()
      .map((row) => row.action)
    expect(new Set(actions)).toEqual(
      new Set(['vault.add', 'vault.update', 'vault.reveal', 'vault.revealNotes', 'vault.copy', 'vault.copySnippet', 'vault.remove']),
    )
    expect(world.core.audit.verifyChain().ok).toBe(true)
  })

  it('lists, searches (title, username, cluster, endpoint, tags) and sorts on metadata only', async () => {
    await world.call(
      'vault.add',
      entryInput({ title: 'Zeta analytics', username: 'zed', endpoint: 'https://zeta.example', tags: ['Analytics'] }),
    )
    await world.call('vault.add', entryInput({ title: 'Alpha', username: 'alice', endpoint: 'https://alpha.example', tags: ['prod'] }))
    await world.call(
      'vault.add',
      entryInput({ title: 'Orders reader', clusterId: world.clusterId, username: 'reader', password: READER_PASSWORD, tags: [] }),
    )
    const all = await world.call('vault.list', {})
    expect(all.total).toBe(3)
    expect(all.entries.map((entry) => entry.title)).toEqual(['Alpha', 'Orders reader', 'Zeta analytics'])
    const titles = async (query: string) => (await world.call('vault.list', { query })).entries.map((entry) => entry.title)
    expect(await titles('zeta')).toEqual(['Zeta analytics'])
    expect(await titles('ALICE')).toEqual(['Alpha'])
    expect(await titles('orders-prod')).toEqual(['Orders reader'])
    expect(await titles('in01-orders')).toEqual(['Orders reader'])
    expect(await titles('analytics zed')).toEqual(['Zeta analytics'])
    expect(await titles('prod')).toEqual(['Alpha', 'Orders reader'])
    const desc = await world.call('vault.list', { sort: { by: 'username', direction: 'desc' } })
    expect(desc.entries.map((entry) => entry.username)).toEqual(['zed', 'reader', 'alice'])
    expect((await world.call('vault.list', { state: 'current' })).entries.map((entry) => entry.title)).toEqual(['Orders reader'])
    expect((await world.call('vault.list', { sort: { by: 'cluster', direction: 'desc' } })).entries.map((entry) => entry.title)).toEqual([
      'Orders reader',
      'Zeta analytics',
      'Alpha',
    ])
    expect(all.attention).toEqual({ outdated: 0, orphaned: 0 })
    // Listed entries carry only what a row shows.
    expect(Object.keys(all.entries[0]!).sort()).toEqual(['clusterName', 'endpoint', 'id', 'state', 'tags', 'title', 'username'])
  })

  it('sorts case- and accent-insensitively with numbers by value; search ignores case and accents', async () => {
    for (const title of ['entry 10', 'Entry 9', 'Éclair', 'eclair 2', 'entry 009b', 'Zulu', 'ábaco'])
      await world.call('vault.add', entryInput({ title, username: 'svc_x' }))
    const titles = async (input: Parameters<typeof world.call<'vault.list'>>[1]) =>
      (await world.call('vault.list', input)).entries.map((entry) => entry.title)
    expect(await titles({})).toEqual(['ábaco', 'Éclair', 'eclair 2', 'Entry 9', 'entry 009b', 'entry 10', 'Zulu'])
    expect(await titles({ sort: { by: 'title', direction: 'desc' } })).toEqual([
      'Zulu',
      'entry 10',
      'entry 009b',
      'Entry 9',
      'eclair 2',
      'Éclair',
      'ábaco',
    ])
    expect(await titles({ query: 'ECLAIR' })).toEqual(['Éclair', 'eclair 2'])
    expect(await titles({ query: 'éntry 10' })).toEqual(['entry 10'])
    // Every term must match, in any field; a term never spans two fields.
    expect(await titles({ query: 'zulu staging' })).toEqual(['Zulu'])
    expect(await titles({ query: 'zulu production' })).toEqual([])
    expect(await titles({ query: 'zulusvc_x' })).toEqual([])
  })

  it('counts outdated and orphaned entries of the whole vault, whatever the filter', async () => {
    const ticketA = await world.addClusterUser('writer', 'Writer-Pass-42')
    await world.call('vault.keepFromReveal', { ticketId: ticketA })
    await world.call('reveal.dismiss', { ticketId: ticketA })
    const ticketB = await world.addClusterUser('gone', 'Gone-Pass-42x')
    await world.call('vault.keepFromReveal', { ticketId: ticketB })
    await world.call('reveal.dismiss', { ticketId: ticketB })
    await world.call(
      'vault.add',
      entryInput({ title: 'reader wrong', clusterId: world.clusterId, username: 'reader', password: 'Not-The-Pass-1' }),
    )
    await world.call('vault.add', entryInput())
    await world.call('clusterUsers.drop', { clusterId: world.clusterId, username: 'gone', confirmUsername: 'gone' })
    const filtered = await world.call('vault.list', { query: 'staging search' })
    expect(filtered.entries.map((entry) => entry.state)).toEqual(['unlinked'])
    expect(filtered).toMatchObject({ total: 4, attention: { outdated: 1, orphaned: 1 } })
    expect((await world.call('vault.list', { state: 'orphaned' })).entries.map((entry) => entry.username)).toEqual(['gone'])
  })

  it('staleness: reset → outdated, drop → orphaned; a hand-added entry is checked once against the stored hash', async () => {
    const ticketId = await world.addClusterUser('writer', 'Writer-Pass-42')
    const kept = await world.call('vault.keepFromReveal', { ticketId })
    await world.call('reveal.dismiss', { ticketId })
    const typedRight = await world.call(
      'vault.add',
      entryInput({ title: 'reader ok', clusterId: world.clusterId, username: 'reader', password: READER_PASSWORD }),
    )
    const typedWrong = await world.call(
      'vault.add',
      entryInput({ title: 'reader wrong', clusterId: world.clusterId, username: 'reader', password: 'Not-The-Pass-1' }),
    )
    const unknownUser = await world.call('vault.add', entryInput({ title: 'ghost', clusterId: world.clusterId, username: 'ghost' }))
    expect([kept.state, typedRight.state, typedWrong.state, unknownUser.state]).toEqual(['current', 'current', 'outdated', 'unlinked'])
    // Entries naming a cluster take its endpoint, whatever was typed.
    expect(typedRight.endpoint).toBe('https://in01-orders.example:19530')

    const reset = await world.call('clusterUsers.resetPassword', {
      clusterId: world.clusterId,
      username: 'writer',
      password: { mode: 'typed', password: 'Writer-Pass-43' },
    })
    await world.call('reveal.dismiss', { ticketId: reset.reveal.ticketId })
    expect((await world.call('vault.get', { entryId: kept.id })).state).toBe('outdated')
    // Fixing the password by hand is checked once again and makes it current.
    const fixed = await world.call('vault.update', { entryId: kept.id, password: 'Writer-Pass-43' })
    expect(fixed.state).toBe('current')
    expect(fixed.historyCount).toBe(1)

    await world.call('clusterUsers.drop', { clusterId: world.clusterId, username: 'writer', confirmUsername: 'writer' })
    expect((await world.call('vault.get', { entryId: kept.id })).state).toBe('orphaned')
    // Dropped and added again under the same name: a new credential, so still not current.
    const again = await world.addClusterUser('writer', 'Writer-Pass-43')
    await world.call('reveal.dismiss', { ticketId: again })
    expect((await world.call('vault.get', { entryId: kept.id })).state).toBe('outdated')

    // Nothing comparable to a password is stored in clear on the entry.
    const row = readEntryRow(world, typedRight.id)
    expect(Object.values(row).some((value) => typeof value === 'string' && value.includes('$argon2'))).toBe(false)
  })

  it('the one-time check at add shares the credential-check throttle: saving entries is no way to guess', async () => {
    const codes: string[] = []
    for (let attempt = 0; attempt < 6; attempt++) {
      try {
        await world.call(
          'vault.add',
          entryInput({ title: `guess ${attempt}`, clusterId: world.clusterId, username: 'reader', password: `Guess-${attempt}-Pass` }),
        )
        codes.push('saved')
      } catch (error) {
        codes.push((error as CallError).code)
      }
    }
    expect(codes).toContain('THROTTLED')
    expect(
      await codeOf(
        world.call('clusterUsers.verifyCredential', { clusterId: world.clusterId, username: 'reader', password: READER_PASSWORD }),
      ),
    ).toBe('THROTTLED')
  })

  it('naming a cluster the account cannot see is NOT_FOUND, like a missing one', async () => {
    const memberId = await world.addAccount('Mo Member', 'member', 'mo has a long passphrase')
    expect(memberId).toBeTruthy()
    // Mo is read_only in Orders: may link to it.
    const linked = await world.call('vault.add', entryInput({ clusterId: world.clusterId, username: 'reader', password: READER_PASSWORD }))
    expect(linked.state).toBe('current')
    await world.call('session.signOut', {})
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    const hidden = await world.call('projects.create', { name: 'Hidden' })
    const cluster = await world.call('clusters.create', {
      projectId: hidden.id,
      name: 'hidden-prod',
      endpoint: 'https://hidden.example',
      dbAdminPassword: { mode: 'generate' },
    })
    await world.call('reveal.dismiss', { ticketId: cluster.reveal.ticketId })
    await world.call('session.signOut', {})
    await world.signIn(memberId, 'mo has a long passphrase')
    expect(await codeOf(world.call('vault.add', entryInput({ clusterId: cluster.cluster.id, username: 'db_admin' })))).toBe('NOT_FOUND')
    expect(await codeOf(world.call('vault.add', entryInput({ clusterId: 'cls_missing', username: 'db_admin' })))).toBe('NOT_FOUND')
  })

  it('a damaged entry fails alone with VAULT_ENTRY_CORRUPT (audited); the rest stays usable', async () => {
    const good = await world.call('vault.add', entryInput({ title: 'good' }))
    const bad = await world.call('vault.add', entryInput({ title: 'bad', password: 'Bad-Secret-1' }))
    const raw = rawDb(world)
    const sealed = raw
      .prepare<[string], { password_sealed: Buffer }>('SELECT password_sealed FROM vault_entries WHERE id = ?')
      .get(bad.id)!.password_sealed
    sealed[3] = sealed[3]! ^ 0x01
    raw.prepare('UPDATE vault_entries SET password_sealed = ? WHERE id = ?').run(sealed, bad.id)
    expect(await world.refusal('vault.revealPassword', { entryId: bad.id })).toBe('VAULT_ENTRY_CORRUPT')
    expect(await world.refusal('vault.copyPassword', { entryId: bad.id })).toBe('VAULT_ENTRY_CORRUPT')
    expect((await world.call('vault.revealPassword', { entryId: good.id })).password).toBe('Typed-Secret-9')
    expect((await world.call('vault.list', {})).total).toBe(2)
    const audited = raw.prepare("SELECT action, outcome, error_code, target FROM audit_log WHERE error_code = 'VAULT_ENTRY_CORRUPT'").all()
    expect(audited.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(audited)).toContain(bad.id)
    // Export carries the readable entries and says how many were left out.
    const exported = await world.call('vault.exportBackup', { passphrase: 'backup passphrase long' })
    expect(exported).toMatchObject({ entryCount: 1, unreadable: 1 })
  })

  it('lock wipes the key, tickets and pending imports; every vault channel answers VAULT_LOCKED; unlock is sign-in', async () => {
    const entry = await world.call('vault.add', entryInput())
    const ticketId = await world.addClusterUser('writer', 'Writer-Pass-42')
    const exported = await world.call('vault.exportBackup', { passphrase: 'backup passphrase long' })
    await world.call('vault.previewImport', {
      fileBase64: Buffer.from(exported.armored).toString('base64'),
      passphrase: 'backup passphrase long',
    })
    expect(world.core.backups.pendingCount).toBe(1)
    const key = world.core.session.accountKey()!
    await world.call('session.lock', {})

    expect(key.every((byte) => byte === 0)).toBe(true)
    expect(world.core.session.accountKey()).toBeNull()
    expect(world.core.reveals.liveCount).toBe(0)
    expect(world.core.backups.pendingCount).toBe(0)
    // The session object holds no key material: nothing binary anywhere in its state (the
    // libsodium module it was given aside), and its accessors return nothing.
    const { sodium: _sodium, ...state } = world.core.session as unknown as Record<string, unknown>
    const dump = inspect(state, { depth: 10, showHidden: true })
    expect(dump).not.toMatch(/Uint8Array|Buffer|ArrayBuffer/)
    expect(world.core.session.currentActor()).toBeNull()
    expect(await world.call('app.status', {})).toMatchObject({ session: null, locked: { account: { id: world.ownerId } } })

    const samples: Record<string, unknown> = {
      'vault.list': {},
      'vault.get': { entryId: entry.id },
      'vault.revealPassword': { entryId: entry.id },
      'vault.copyPassword': { entryId: entry.id },
      'vault.revealNotes': { entryId: entry.id },
      'vault.add': entryInput(),
      'vault.update': { entryId: entry.id, title: 'x' },
      'vault.remove': { entryId: entry.id },
      'vault.keepFromReveal': { ticketId },
      'vault.connectSnippets': { entryId: entry.id },
      'vault.copySnippet': { entryId: entry.id, kind: 'node' },
      'vault.exportBackup': { passphrase: 'backup passphrase long' },
      'vault.previewImport': { fileBase64: '', passphrase: 'x' },
      'vault.applyImport': { importId: 'imp_x' },
      'vault.cancelImport': { importId: 'imp_x' },
      'settings.get': {},
      'settings.update': { autoLockMinutes: 10 },
    }
    for (const channel of VAULT_CHANNELS) {
      expect(samples[channel], `sample for ${channel}`).toBeDefined()
      expect(await world.refusal(channel, samples[channel]), channel).toBe('VAULT_LOCKED')
    }
    expect(await world.refusal('clusters.list', {})).toBe('VAULT_LOCKED')
    // The renderer asks this after autoLockAt to notice an auto-lock: it answers VAULT_LOCKED too.
    expect(await world.refusal('session.activity', {})).toBe('VAULT_LOCKED')

    expect(await world.refusal('session.signIn', { accountId: world.ownerId, passphrase: 'wrong passphrase here' })).toBe(
      'WRONG_PASSPHRASE',
    )
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    expect((await world.call('vault.revealPassword', { entryId: entry.id })).password).toBe('Typed-Secret-9')
    const lockRow = rawDb(world).prepare("SELECT target FROM audit_log WHERE action = 'session.lock'").get()
    expect(lockRow).toEqual({ target: 'account Ada Owner (manual)' })
  })

  it('signing out from a locked session forgets the account; sign-out is not a lock', async () => {
    await world.call('session.lock', {})
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    await world.call('session.signOut', {})
    expect(await world.call('app.status', {})).not.toHaveProperty('locked')
    expect(await world.refusal('vault.list', {})).toBe('UNAUTHENTICATED')
  })

  it('auto-locks after the idle time (default 5 min, configurable); any request counts as activity', async () => {
    expect(await world.call('settings.get', {})).toEqual({ autoLockMinutes: 5, clipboardClearSeconds: 20 })
    world.clock.advance(4 * 60_000)
    await world.call('session.activity', {})
    world.clock.advance(2 * 60_000)
    world.timers.fire() // due 5 min after the first touch, but there was activity since: re-arms
    expect(world.core.session.currentActor()).not.toBeNull()
    world.clock.advance(3 * 60_000 + 1)
    world.timers.fire()
    expect(world.core.session.currentActor()).toBeNull()
    expect(await world.refusal('vault.list', {})).toBe('VAULT_LOCKED')
    expect(rawDb(world).prepare("SELECT target FROM audit_log WHERE action = 'session.lock'").get()).toEqual({
      target: 'account Ada Owner (idle)',
    })

    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    expect(await world.call('settings.update', { autoLockMinutes: 1 })).toEqual({ autoLockMinutes: 1, clipboardClearSeconds: 20 })
    const { autoLockAt } = await world.call('session.activity', {})
    expect(autoLockAt).toBe(world.clock() + 60_000)
    world.clock.advance(60_000)
    world.timers.fire()
    expect(world.core.session.lockedAccountId()).toBe(world.ownerId)
  })

  it('100 kept passwords never appear in clear in the database, its WAL, the logs, audit rows or the export', async () => {
    const secrets: string[] = []
    // A cluster holds at most 100 users: spread them over two.
    const second = await world.call('clusters.create', {
      projectId: world.projectId,
      name: 'orders-dr',
      endpoint: 'https://dr.example',
      dbAdminPassword: { mode: 'generate' },
    })
    await world.call('reveal.dismiss', { ticketId: second.reveal.ticketId })
    for (let index = 0; index < 100; index++) {
      const password = `Kept-Secret-${index}-Qz`
      const ticketId = await world.addClusterUser(`user_${index}`, password, index % 2 === 0 ? world.clusterId : second.cluster.id)
      await world.call('reveal.open', { ticketId })
      await world.call('vault.keepFromReveal', { ticketId, tags: ['bulk'] })
      await world.call('reveal.dismiss', { ticketId })
      secrets.push(password)
    }
    const entries = (await world.call('vault.list', { query: 'bulk' })).entries
    expect(entries).toHaveLength(100)
    await world.call('vault.update', { entryId: entries[0]!.id, password: 'Edited-Secret-1-Qz', notes: 'Noted-Secret-1-Qz' })
    secrets.push('Edited-Secret-1-Qz', 'Noted-Secret-1-Qz')
    await world.call('vault.copyPassword', { entryId: entries[1]!.id })
    const exported = await world.call('vault.exportBackup', { passphrase: 'backup passphrase long' })

    const databasePath = `${world.dataDir}/workspace.db`
    expect(existsSync(`${databasePath}-wal`)).toBe(true)
    const files = () => [readFileSync(databasePath), readFileSync(`${databasePath}-wal`)].map((bytes) => bytes.toString('latin1'))
    const auditText = JSON.stringify(rawDb(world).prepare('SELECT * FROM audit_log').all())
    const haystacks = [
      ...files(),
      auditText,
      world.logger.lines.join('\n'),
      exported.armored,
      Buffer.from(exported.armored).toString('latin1'),
    ]
    for (const secret of secrets) for (const haystack of haystacks) expect(haystack.includes(secret), `found ${secret}`).toBe(false)
    rawDb(world).pragma('wal_checkpoint(TRUNCATE)')
    for (const secret of secrets) for (const haystack of files()) expect(haystack.includes(secret)).toBe(false)
    // Every keep was audited, by entry id, with no title.
    const keeps = rawDb(world).prepare<[], { target: string }>("SELECT target FROM audit_log WHERE action = 'vault.keep'").all()
    expect(keeps).toHaveLength(100)
    for (const row of keeps) expect(row.target).toMatch(/^vault entry vlt_[0-9a-f]{32}$/)
  })
})

/** A second connection to the same workspace file (WAL lets it read and write alongside). */
function rawDb(world: VaultWorld): Database.Database {
  return world.raw()
}

function readEntryRow(world: VaultWorld, entryId: string): Record<string, unknown> {
  return rawDb(world).prepare('SELECT * FROM vault_entries WHERE id = ?').get(entryId) as Record<string, unknown>
}

/**
 * A vault is personal. Account B — an Organization Owner — gets nothing of account A's
 * vault through any vault channel: not a listing, not a count, not a field. Generated over
 * every vault channel of the contract, so a new channel must be added here. Ciphertexts
 * moved between entries, fields or accounts in the database fail to open.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '@shared/ipc/channels'
import { OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import { createVaultWorld, type VaultWorld } from './support/vaultWorld'

const B_PASSPHRASE = 'bea owns the org too, long passphrase'
const BACKUP_PASSPHRASE = 'backup passphrase long'

describe('vault isolation', () => {
  let world: VaultWorld
  let aEntries: string[]
  let bId: string
  let aImportId: string
  let aTicketId: string
  beforeEach(async () => {
    world = await createVaultWorld()
    bId = await world.addAccount('Bea Owner', 'owner', B_PASSPHRASE)
    await world.call('vault.add', { title: 'bea own', clusterId: null, endpoint: 'https://b.example', username: 'bea', password: 'Bea-Secret-1', notes: '', tags: [] })
    await world.call('session.signOut', {})
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    aEntries = []
    for (const title of ['alpha', 'beta']) {
      const entry = await world.call('vault.add', { title, clusterId: null, endpoint: 'https://a.example', username: 'ada', password: `Ada-Secret-${title}`, notes: 'Ada notes', tags: ['a'] })
      aEntries.push(entry.id)
    }
    const exported = await world.call('vault.exportBackup', { passphrase: BACKUP_PASSPHRASE })
    aImportId = (await world.call('vault.previewImport', { fileBase64: Buffer.from(exported.armored).toString('base64'), passphrase: BACKUP_PASSPHRASE })).importId
    aTicketId = await world.addClusterUser('writer', 'Writer-Pass-42')
    await world.call('session.signOut', {})
    await world.signIn(bId, B_PASSPHRASE)
  })
  afterEach(() => world.cleanup())

  it('an Organization Owner cannot list, count or open another account\'s entries through any vault channel', async () => {
    const [entryId] = aEntries as [string]
    const attempts: Partial<Record<Channel, { input: unknown; expect: (result: { ok: boolean; value?: unknown; code?: string }) => void }>> = {
      'vault.list': { input: {}, expect: (r) => expect(r.value).toMatchObject({ total: 1, entries: [{ title: 'bea own' }] }) },
      'vault.get': { input: { entryId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.revealPassword': { input: { entryId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.copyPassword': { input: { entryId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.revealNotes': { input: { entryId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.add': { input: { title: 'x', clusterId: null, endpoint: '', username: 'x', password: 'X-secret-1', notes: '', tags: [] }, expect: (r) => expect(r.ok).toBe(true) },
      'vault.update': { input: { entryId, title: 'stolen' }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.remove': { input: { entryId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.keepFromReveal': { input: { ticketId: aTicketId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.connectSnippets': { input: { entryId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.copySnippet': { input: { entryId, kind: 'pymilvus' }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.exportBackup': { input: { passphrase: BACKUP_PASSPHRASE }, expect: (r) => expect(r.value).toMatchObject({ entryCount: 2 }) },
      'vault.previewImport': { input: { fileBase64: Buffer.from('not age').toString('base64'), passphrase: BACKUP_PASSPHRASE }, expect: (r) => expect(r.code).toBe('BACKUP_INVALID') },
      'vault.applyImport': { input: { importId: aImportId }, expect: (r) => expect(r.code).toBe('NOT_FOUND') },
      'vault.cancelImport': { input: { importId: aImportId }, expect: (r) => expect(r.ok).toBe(true) },
    }
    const vaultChannels = CHANNELS.filter((channel) => channel.startsWith('vault.'))
    expect(Object.keys(attempts).sort()).toEqual([...vaultChannels].sort())
    for (const channel of vaultChannels) {
      const response = await world.dispatch(channel, attempts[channel]!.input, { url: 'http://127.0.0.1:5199/index.html', isMainFrame: true })
      const result = response.ok ? { ok: true, value: response.value } : { ok: false, code: response.error.code }
      attempts[channel]!.expect(result)
      // Nothing of A's ever appears in B's answers.
      expect(JSON.stringify(result), channel).not.toMatch(/Ada-Secret|alpha|beta|Ada notes/)
    }
    // A's import plan survived B's cancel attempt; A's entries are untouched.
    await world.call('session.signOut', {})
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    const listed = await world.call('vault.list', {})
    expect(listed.entries.map((entry) => entry.title)).toEqual(['alpha', 'beta'])
    expect((await world.call('vault.revealPassword', { entryId })).password).toBe('Ada-Secret-alpha')
  })

  it('ciphertexts moved between entries, fields or accounts fail to open (VAULT_ENTRY_CORRUPT), the source stays readable', async () => {
    const raw = world.raw()
    const [alpha, beta] = aEntries as [string, string]
    const bEntry = raw.prepare<[string], { id: string }>('SELECT id FROM vault_entries WHERE account_id = ?').get(bId)!.id
    const sealedOf = (id: string) => raw.prepare<[string], { password_nonce: Buffer; password_sealed: Buffer; notes_nonce: Buffer; notes_sealed: Buffer }>('SELECT * FROM vault_entries WHERE id = ?').get(id)!
    // A's alpha password pasted into B's entry (another account).
    const fromA = sealedOf(alpha)
    raw.prepare('UPDATE vault_entries SET password_nonce = ?, password_sealed = ? WHERE id = ?').run(fromA.password_nonce, fromA.password_sealed, bEntry)
    expect(await world.refusal('vault.revealPassword', { entryId: bEntry })).toBe('VAULT_ENTRY_CORRUPT')

    await world.call('session.signOut', {})
    await world.signIn(world.ownerId, OWNER_PASSPHRASE)
    // Another entry of the same account.
    raw.prepare('UPDATE vault_entries SET password_nonce = ?, password_sealed = ? WHERE id = ?').run(fromA.password_nonce, fromA.password_sealed, beta)
    expect(await world.refusal('vault.revealPassword', { entryId: beta })).toBe('VAULT_ENTRY_CORRUPT')
    // Another field of the same entry: the notes ciphertext read as the password, and back.
    raw.prepare('UPDATE vault_entries SET password_nonce = notes_nonce, password_sealed = notes_sealed, notes_nonce = ?, notes_sealed = ? WHERE id = ?').run(fromA.password_nonce, fromA.password_sealed, alpha)
    expect(await world.refusal('vault.revealPassword', { entryId: alpha })).toBe('VAULT_ENTRY_CORRUPT')
    expect(await world.refusal('vault.revealNotes', { entryId: alpha })).toBe('VAULT_ENTRY_CORRUPT')
    // Listing still works: damage never spreads beyond the entry.
    expect((await world.call('vault.list', {})).total).toBe(2)
  })
})

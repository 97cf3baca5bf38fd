/**
 * Handoff end to end at the core: one workspace (owner → member through the inbox) and two
 * separate workspaces (two data folders) exchanging cards and a file. Every refusal has
 * its own code and changes nothing; nothing stores or logs the password in clear.
 */
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { armor, Encrypter } from 'age-encryption'
import Database from 'better-sqlite3'
import { DATABASE_FILE_NAME } from '../../electron/core/core'
import { canonicalJson } from '../../electron/core/handoff/canonical'
import { SIGNING_CONTEXT } from '../../electron/core/handoff/envelope'
import { decodeCard } from '../../electron/core/handoff/identity'
import { loadSodium } from '../../electron/core/crypto/sodium'
import { withCode } from './support/appErrors'
import { createHandoffWorkspace, PASSPHRASE, type HandoffWorkspace } from './support/handoffWorld'

const HOUR = 60 * 60 * 1000

function businessSnapshot(world: HandoffWorkspace): string {
  const db = openDb(world)
  return JSON.stringify(
    ['handoff_contacts', 'handoff_inbox', 'handoff_opened', 'handoff_identities'].map((table) =>
      db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all(),
    ),
  )
}

function openDb(world: HandoffWorkspace) {
  return (world as unknown as { db: Database.Database }).db
}

function auditRows(world: HandoffWorkspace): Array<{ action: string; target: string; outcome: string; error_code: string | null }> {
  return openDb(world).prepare('SELECT action, target, outcome, error_code FROM audit_log ORDER BY id').all() as never
}

function withDb(world: HandoffWorkspace): HandoffWorkspace {
  // The Core keeps its database private; tests read the same file through a second connection.
  const db = new Database(join(world.dataDir, DATABASE_FILE_NAME), { readonly: true })
  const cleanup = world.cleanup
  return Object.assign(world, {
    db,
    cleanup: () => {
      db.close()
      cleanup()
    },
  })
}

describe('handoff within one workspace (inbox)', () => {
  let world: HandoffWorkspace
  beforeEach(async () => {
    world = withDb(
      await createHandoffWorkspace({
        organization: 'Acme',
        owner: { displayName: 'Ada Owner', email: 'ada@acme.example' },
        member: { displayName: 'Ben Member', email: 'ben@acme.example' },
      }),
    )
  })
  afterEach(() => world.cleanup())

  it('gives every account a handoff identity whose private halves are sealed', () => {
    const rows = openDb(world).prepare('SELECT account_id, age_recipient, sealed_private FROM handoff_identities').all() as Array<{
      age_recipient: string
      sealed_private: Buffer
    }>
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.age_recipient).toMatch(/^age1[0-9a-z]{58}$/)
      expect(row.sealed_private.toString('latin1')).not.toContain('AGE-SECRET-KEY')
    }
  })

  it('creates the identity at the first sign-in of an account that predates the upgrade', async () => {
    const { core, owner } = world
    core.accounts.signOut()
    // Simulate an account from before migration 6: no identity row.
    const writable = new Database(join(world.dataDir, DATABASE_FILE_NAME))
    writable.prepare('DELETE FROM handoff_identities WHERE account_id = ?').run(owner.accountId)
    writable.close()
    await core.accounts.signIn(owner.accountId, PASSPHRASE)
    expect(openDb(world).prepare('SELECT COUNT(*) AS n FROM handoff_identities WHERE account_id = ?').get(owner.accountId)).toEqual({
      n: 1,
    })
  })

  it('send → inbox → open shows the password once → keep in my vault; members are verified contacts automatically', async () => {
    const { core, owner } = world
    const member = world.member!
    const contacts = core.handoff.listContacts(owner)
    expect(contacts).toEqual([
      expect.objectContaining({ id: `member:${member.accountId}`, kind: 'member', verified: true, name: 'Ben Member' }),
    ])
    const ticketId = world.ticketFor('Inbox-Secret-1')
    // The show-once dialog opens the ticket first; the handoff takes the held bytes afterwards.
    expect(core.reveals.open(owner, ticketId).password).toBe('Inbox-Secret-1')
    const [sent] = await core.handoff.send(owner, {
      source: { kind: 'reveal', ticketId },
      recipientIds: [`member:${member.accountId}`],
      expiresInHours: 24,
      note: 'for the app team',
    })
    expect(sent).toMatchObject({ delivery: 'inbox', enforced: true, armored: null, expiresAt: world.clock() + 24 * HOUR })
    core.reveals.dismiss(owner, ticketId)
    expect(core.handoff.outbox(owner)).toEqual([expect.objectContaining({ handoffId: sent!.handoffId, status: 'waiting' })])

    await world.signInAs(member)
    const inbox = core.handoff.inbox(member)
    expect(inbox).toEqual([
      expect.objectContaining({ handoffId: sent!.handoffId, senderName: 'Ada Owner', clusterName: 'orders-prod', username: 'app_reader' }),
    ])
    const opened = await core.handoff.openFromInbox(member, sent!.handoffId)
    expect(opened).toMatchObject({
      status: 'opened',
      role: 'read_only',
      note: 'for the app team',
      sender: { name: 'Ada Owner', verified: true },
    })
    if (opened.status !== 'opened') throw new Error('not opened')
    expect(core.reveals.open(member, opened.reveal.ticketId)).toMatchObject({ username: 'app_reader', password: 'Inbox-Secret-1' })
    // "Keep in my vault" from the show-once dialog: main copies the held bytes into the vault.
    const kept = core.vault.keepFromReveal(member, opened.reveal.ticketId, {})
    core.reveals.dismiss(member, opened.reveal.ticketId)
    expect(kept).toMatchObject({ username: 'app_reader', clusterId: world.clusterId, clusterRole: 'read_only' })
    expect(core.vault.revealPassword(member, kept.id)).toMatchObject({ password: 'Inbox-Secret-1' })
    expect(core.handoff.inbox(member)).toEqual([])
    // The sealed file is erased once opened; a second open is an incident.
    expect(openDb(world).prepare('SELECT status, armored FROM handoff_inbox').get()).toEqual({ status: 'opened', armored: null })
    await expect(core.handoff.openFromInbox(member, sent!.handoffId)).rejects.toThrow(withCode('HANDOFF_ALREADY_OPENED'))
    expect(auditRows(world).filter((row) => row.action === 'handoff.incident')).toHaveLength(1)

    await world.signInAs(owner)
    expect(core.handoff.outbox(owner)).toEqual([expect.objectContaining({ status: 'opened' })])
    const databasePath = join(world.dataDir, DATABASE_FILE_NAME)
    for (const text of [
      readFileSync(databasePath, 'latin1'),
      readFileSync(`${databasePath}-wal`, 'latin1'),
      JSON.stringify(auditRows(world)),
      world.logger.lines.join('\n'),
    ]) {
      expect(text.includes('Inbox-Secret-1')).toBe(false)
    }
    expect(() => core.handoff.revoke(owner, sent!.handoffId)).toThrow(withCode('HANDOFF_ALREADY_OPENED'))
  })

  it('hands off a vault entry: main reads the password from the vault, the member opens it', async () => {
    const { core, owner } = world
    const member = world.member!
    const ticketId = world.ticketFor('Vault-Secret-11')
    const entry = core.vault.keepFromReveal(owner, ticketId, {})
    core.reveals.dismiss(owner, ticketId)
    const [sent] = await core.handoff.send(owner, {
      source: { kind: 'vault', entryId: entry.id },
      recipientIds: [`member:${member.accountId}`],
      expiresInHours: 4,
      note: null,
    })
    expect(auditRows(world).map((row) => row.action)).toEqual(expect.arrayContaining(['vault.handoff', 'handoff.create']))
    await world.signInAs(member)
    const opened = await core.handoff.openFromInbox(member, sent!.handoffId)
    expect(opened).toMatchObject({ status: 'opened', role: 'read_only', username: 'app_reader' })
    if (opened.status !== 'opened') throw new Error('not opened')
    expect(core.reveals.open(member, opened.reveal.ticketId).password).toBe('Vault-Secret-11')
  })

  it("hands off only the sender's own vault entry, only while unlocked; an outside cluster is named by its host, never the title", async () => {
    const { core, owner } = world
    const member = world.member!
    const entry = core.vault.add(owner, {
      title: 'Zeta Corp secret merger',
      clusterId: null,
      endpoint: 'https://in03-zeta.serverless.example:19530',
      username: 'zeta_reader',
      password: 'Zeta-Secret-77',
      notes: '',
      tags: [],
    })
    const toMember = { source: { kind: 'vault' as const, entryId: entry.id }, expiresInHours: 4, note: null }
    const to = (actor: { accountId: string }) => [`member:${actor.accountId}`]

    core.accounts.lock('manual')
    const before = businessSnapshot(world)
    await expect(core.handoff.send(owner, { ...toMember, recipientIds: to(member) })).rejects.toThrow(withCode('VAULT_LOCKED'))

    // Another account, even one the entry would be handed to, cannot hand it off: it does not exist for them.
    await world.signInAs(member)
    await expect(core.handoff.send(member, { ...toMember, recipientIds: to(owner) })).rejects.toThrow(withCode('NOT_FOUND'))
    expect(businessSnapshot(world)).toBe(before)
    expect(auditRows(world).filter((row) => ['handoff.create', 'vault.handoff'].includes(row.action))).toEqual([])

    await world.signInAs(owner)
    const [sent] = await core.handoff.send(owner, { ...toMember, recipientIds: to(member) })
    await world.signInAs(member)
    const opened = await core.handoff.openFromInbox(member, sent!.handoffId)
    expect(opened).toMatchObject({ status: 'opened', clusterName: 'in03-zeta.serverless.example', username: 'zeta_reader', role: null })
    if (opened.status !== 'opened') throw new Error('not opened')
    expect(core.reveals.open(member, opened.reveal.ticketId).password).toBe('Zeta-Secret-77')

    const rows = auditRows(world)
    expect(rows.filter((row) => row.action === 'vault.handoff')).toEqual([
      expect.objectContaining({ target: `vault entry ${entry.id}`, outcome: 'allowed' }),
    ])
    expect(rows.find((row) => row.action === 'handoff.create')!.target).toContain('zeta_reader on in03-zeta.serverless.example')
    for (const text of [JSON.stringify(rows), JSON.stringify(openDb(world).prepare('SELECT * FROM handoff_inbox').all())]) {
      expect(text).not.toContain('Zeta Corp')
      expect(text).not.toContain('Zeta-Secret-77')
    }
  })

  it('revoke before opening: the file is erased, the recipient is refused and sees nothing', async () => {
    const { core, owner } = world
    const member = world.member!
    const ticketId = world.ticketFor('Revoked-Secret-2')
    const [sent] = await core.handoff.send(owner, {
      source: { kind: 'reveal', ticketId },
      recipientIds: [`member:${member.accountId}`],
      expiresInHours: 1,
      note: null,
    })
    core.handoff.revoke(owner, sent!.handoffId)
    expect(openDb(world).prepare('SELECT status, armored FROM handoff_inbox').get()).toEqual({ status: 'revoked', armored: null })
    await world.signInAs(member)
    expect(core.handoff.inbox(member)).toEqual([])
    await expect(core.handoff.openFromInbox(member, sent!.handoffId)).rejects.toThrow(withCode('HANDOFF_REVOKED'))
    const actions = auditRows(world).map((row) => `${row.action}:${row.outcome}:${row.error_code ?? ''}`)
    expect(actions).toEqual(
      expect.arrayContaining(['handoff.create:allowed:', 'handoff.revoke:allowed:', 'handoff.refuse:denied:HANDOFF_REVOKED']),
    )
  })

  it('refuses a ticket that was dismissed, an out-of-range expiry and a stranger as recipient, changing nothing', async () => {
    const { core, owner } = world
    const member = world.member!
    const ticketId = world.ticketFor('Dismissed-3')
    core.reveals.dismiss(owner, ticketId)
    const before = businessSnapshot(world)
    await expect(
      core.handoff.send(owner, {
        source: { kind: 'reveal', ticketId },
        recipientIds: [`member:${member.accountId}`],
        expiresInHours: 24,
        note: null,
      }),
    ).rejects.toThrow(withCode('REVEAL_CONSUMED'))
    const live = world.ticketFor('Live-Secret-4')
    await expect(
      core.handoff.send(owner, {
        source: { kind: 'reveal', ticketId: live },
        recipientIds: [`member:${member.accountId}`],
        expiresInHours: 169,
        note: null,
      }),
    ).rejects.toThrow(withCode('INVALID_INPUT'))
    await expect(
      core.handoff.send(owner, {
        source: { kind: 'reveal', ticketId: live },
        recipientIds: ['ct_unknown'],
        expiresInHours: 24,
        note: null,
      }),
    ).rejects.toThrow(withCode('NOT_FOUND'))
    expect(businessSnapshot(world)).toBe(before)
  })
})

describe('handoff between two workspaces (two data folders)', () => {
  let alice: HandoffWorkspace
  let bob: HandoffWorkspace
  let carol: HandoffWorkspace
  beforeAll(async () => {
    alice = withDb(await createHandoffWorkspace({ organization: 'Alpha', owner: { displayName: 'Alice', email: 'alice@alpha.example' } }))
    bob = withDb(await createHandoffWorkspace({ organization: 'Beta', owner: { displayName: 'Bob', email: 'bob@beta.example' } }))
    carol = withDb(await createHandoffWorkspace({ organization: 'Gamma', owner: { displayName: 'Carol', email: 'carol@gamma.example' } }))
    // Cards exchanged both ways, fingerprints compared out of band and marked verified.
    const aliceCard = await alice.core.handoff.myCard(alice.owner)
    const bobCard = await bob.core.handoff.myCard(bob.owner)
    expect(aliceCard.fingerprint).toMatch(/^(\d{5} ){11}\d{5}$/)
    const aliceAtBob = bob.core.handoff.importCard(bob.owner, aliceCard.text)
    const bobAtAlice = alice.core.handoff.importCard(alice.owner, `\n${bobCard.text}\n`)
    expect(aliceAtBob).toMatchObject({ kind: 'card', verified: false, fingerprint: aliceCard.fingerprint, name: 'Alice' })
    expect(bobAtAlice.fingerprint).toBe(bobCard.fingerprint)
    expect(bob.core.handoff.setVerified(bob.owner, aliceAtBob.id, true).verified).toBe(true)
    expect(alice.core.handoff.setVerified(alice.owner, bobAtAlice.id, true).verified).toBe(true)
    expect(() => bob.core.handoff.importCard(bob.owner, aliceCard.text)).toThrow(withCode('ALREADY_EXISTS'))
    expect(() => bob.core.handoff.importCard(bob.owner, bobCard.text)).toThrow(withCode('INVALID_INPUT'))
  })
  afterAll(() => {
    for (const world of [alice, bob, carol]) world.cleanup()
  })

  /** `of`'s card as a contact of `at`, imported on first use. */
  async function contactAt(at: HandoffWorkspace, of: HandoffWorkspace) {
    const card = await of.core.handoff.myCard(of.owner)
    const existing = at.core.handoff.listContacts(at.owner).find((contact) => contact.ageRecipient === card.ageRecipient)
    return existing ?? at.core.handoff.importCard(at.owner, card.text)
  }

  async function fileFromAliceToBob(password: string, hours = 24): Promise<string> {
    const bobContact = alice.core.handoff.listContacts(alice.owner).find((contact) => contact.name === 'Bob')!
    const [sent] = await alice.core.handoff.send(alice.owner, {
      source: { kind: 'reveal', ticketId: alice.ticketFor(password) },
      recipientIds: [bobContact.id],
      expiresInHours: hours,
      note: null,
    })
    expect(sent).toMatchObject({ delivery: 'file', enforced: true })
    return sent!.armored!
  }

  it('sends by file, imports, opens once; a replay is refused and recorded as an incident', async () => {
    const file = await fileFromAliceToBob('Cross-Secret-5')
    expect(file).not.toContain('Cross-Secret-5')
    const opened = await bob.core.handoff.openFile(bob.owner, file, null)
    expect(opened).toMatchObject({
      status: 'opened',
      sender: { name: 'Alice', verified: true },
      clusterName: 'orders-prod',
      username: 'app_reader',
      role: 'read_only',
    })
    if (opened.status !== 'opened') throw new Error('not opened')
    expect(bob.core.reveals.open(bob.owner, opened.reveal.ticketId).password).toBe('Cross-Secret-5')

    const before = businessSnapshot(bob)
    await expect(bob.core.handoff.openFile(bob.owner, file, null)).rejects.toThrow(withCode('HANDOFF_ALREADY_OPENED'))
    expect(businessSnapshot(bob)).toBe(before)
    expect(auditRows(bob).at(-1)).toMatchObject({ action: 'handoff.incident', outcome: 'denied', error_code: 'HANDOFF_ALREADY_OPENED' })
  })

  it('refuses an expired handoff', async () => {
    const file = await fileFromAliceToBob('Expired-6', 1)
    bob.clock.advance(HOUR)
    const before = businessSnapshot(bob)
    await expect(bob.core.handoff.openFile(bob.owner, file, null)).rejects.toThrow(withCode('HANDOFF_EXPIRED'))
    expect(businessSnapshot(bob)).toBe(before)
    expect(auditRows(bob).at(-1)).toMatchObject({ action: 'handoff.refuse', error_code: 'HANDOFF_EXPIRED' })
    bob.clock.advance(-HOUR)
  })

  it('refuses every single-byte change of the file and changes nothing', async () => {
    const file = await fileFromAliceToBob('Tamper-7')
    const before = businessSnapshot(bob)
    const codes = new Set<string>()
    const bytes = new TextEncoder().encode(file)
    for (let index = 0; index < bytes.length; index++) {
      const changed = bytes.slice()
      // Flip to another printable byte so the change survives a text round trip.
      changed[index] = changed[index] === 0x41 ? 0x42 : 0x41
      const text = new TextDecoder().decode(changed)
      const error = await bob.core.handoff.openFile(bob.owner, text, null).then(
        () => null,
        (caught: unknown) => caught as { code?: string },
      )
      expect(error, `byte ${index} accepted`).not.toBeNull()
      codes.add(error!.code!)
    }
    expect([...codes].every((code) => ['HANDOFF_TAMPERED', 'HANDOFF_NOT_FOR_ME'].includes(code))).toBe(true)
    expect(codes.has('HANDOFF_TAMPERED')).toBe(true)
    expect(businessSnapshot(bob)).toBe(before)
    // The intact file still opens afterwards: the refusals consumed nothing.
    expect((await bob.core.handoff.openFile(bob.owner, file, null)).status).toBe('opened')
  }, 120_000)

  it('refuses a file made for someone else', async () => {
    await contactAt(carol, bob)
    const file = await fileFromAliceToBob('Not-Carols-8')
    const before = businessSnapshot(carol)
    await expect(carol.core.handoff.openFile(carol.owner, file, null)).rejects.toThrow(withCode('HANDOFF_NOT_FOR_ME'))
    expect(businessSnapshot(carol)).toBe(before)
  })

  it("refuses a file signed by a key that is not the sender's card", async () => {
    const sodium = await loadSodium()
    const bobCard = decodeCard((await bob.core.handoff.myCard(bob.owner)).text)!
    const aliceCardJson = JSON.parse((await alice.core.handoff.myCard(alice.owner)).text) as Record<string, string>
    const forger = sodium.crypto_sign_keypair()
    const payload = {
      id: 'f'.repeat(32),
      createdAt: new Date(bob.clock()).toISOString(),
      expiresAt: new Date(bob.clock() + HOUR).toISOString(),
      sender: aliceCardJson,
      recipient: bobCard.ageRecipient,
      credential: {
        cluster: 'orders-prod',
        clusterId: 'cls_x',
        endpoint: 'https://x',
        username: 'db_admin',
        role: 'admin',
        password: 'Forged-9',
      },
      note: null,
    }
    const seal = async (signingKey: Uint8Array, sender: Record<string, string>) => {
      const body = { ...payload, sender }
      const signature = sodium.crypto_sign_detached(new TextEncoder().encode(SIGNING_CONTEXT + canonicalJson(body)), signingKey)
      const envelope = canonicalJson({
        type: 'cluster-credentials-handoff',
        version: 1,
        payload: body,
        signature: Buffer.from(signature).toString('base64'),
      })
      const encrypter = new Encrypter()
      encrypter.addRecipient(bobCard.ageRecipient)
      return armor.encode(await encrypter.encrypt(envelope))
    }
    const before = businessSnapshot(bob)
    // Alice's card, someone else's signature.
    await expect(bob.core.handoff.openFile(bob.owner, await seal(forger.privateKey, aliceCardJson), null)).rejects.toThrow(
      withCode('HANDOFF_BAD_SIGNATURE'),
    )
    // Alice's address with the forger's key in the card: self-consistent, but not Alice's card.
    const forgedCard = { ...aliceCardJson, signingKey: Buffer.from(forger.publicKey).toString('base64') }
    await expect(bob.core.handoff.openFile(bob.owner, await seal(forger.privateKey, forgedCard), null)).rejects.toThrow(
      withCode('HANDOFF_BAD_SIGNATURE'),
    )
    expect(businessSnapshot(bob)).toBe(before)
  })

  it('asks before opening a file from someone who is not a contact, showing their fingerprint', async () => {
    const bobAtCarol = await contactAt(carol, bob)
    const [sent] = await carol.core.handoff.send(carol.owner, {
      source: { kind: 'reveal', ticketId: carol.ticketFor('From-Carol-10') },
      recipientIds: [bobAtCarol.id],
      expiresInHours: 2,
      note: null,
    })
    const carolFingerprint = (await carol.core.handoff.myCard(carol.owner)).fingerprint
    const before = businessSnapshot(bob)
    const asked = await bob.core.handoff.openFile(bob.owner, sent!.armored!, null)
    expect(asked).toEqual({
      status: 'confirmSender',
      sender: { name: 'Carol', email: 'carol@gamma.example', fingerprint: carolFingerprint, verified: false },
    })
    expect(businessSnapshot(bob)).toBe(before)
    const opened = await bob.core.handoff.openFile(bob.owner, sent!.armored!, carolFingerprint)
    expect(opened.status).toBe('opened')
    expect(bob.core.handoff.listContacts(bob.owner)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Carol', verified: false, fingerprint: carolFingerprint })]),
    )
  })

  it('leaves no password in clear in handoff files, inbox rows, the database, audit rows or logs', async () => {
    const secrets = ['Cross-Secret-5', 'Tamper-7', 'Not-Carols-8', 'From-Carol-10', 'Expired-6']
    for (const world of [alice, bob, carol]) {
      const databasePath = join(world.dataDir, DATABASE_FILE_NAME)
      const files = [databasePath, `${databasePath}-wal`].filter(existsSync).map((path) => readFileSync(path).toString('latin1'))
      const audit = JSON.stringify(auditRows(world))
      const logs = world.logger.lines.join('\n')
      for (const secret of secrets)
        for (const haystack of [...files, audit, logs]) expect(haystack.includes(secret), `${secret} in clear`).toBe(false)
    }
  })
})

/**
 * `ccred handoff …` as a script would run it: the built CLI (fast-KDF test entry) as a
 * child process against one temp workspace, with two outside workspaces (Bob, Carol) built
 * through the core that send handoff files to its owner. Cards and contacts, sending to a
 * member (inbox), a card contact and an external age recipient (owner-only .age files),
 * opening once (printed with --reveal, or kept with --keep), every refusal's exit code,
 * the JSON shapes, and that no password reaches argv, stderr, the log or --json without --reveal.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateX25519Identity, identityToRecipient } from 'age-encryption'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../../electron/core/testing/manualClock'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { buildFastCli, cliHarness, expectError, json, PEOPLE, seedWorkspace, type SeededWorkspace } from './support/cliWorld'
import { createHandoffWorkspace, type HandoffWorkspace } from './support/handoffWorld'

let cli: Awaited<ReturnType<typeof buildFastCli>>
let world: SeededWorkspace
/** Bob's card is imported by the owner below; Carol never becomes a contact before she is accepted. */
let bob: HandoffWorkspace
let carol: HandoffWorkspace
const harness = cliHarness(
  () => cli,
  () => world,
)
const { as, secrets } = harness
const folder = makeTempDir()

const ENTRY_PASSWORD = 'Orders-Reader-2026!'
const BOB_PASSWORD = 'Bob-Sends-This-2026!'
const CAROL_PASSWORD = 'Carol-Sends-This-2026!'
const CAROL_EXPIRED_PASSWORD = 'Carol-Expired-2026!'
for (const secret of [ENTRY_PASSWORD, BOB_PASSWORD, CAROL_PASSWORD, CAROL_EXPIRED_PASSWORD]) secrets.add(secret)

const HOUR = 60 * 60 * 1000

interface Contact {
  id: string
  kind: string
  name: string
  email: string | null
  fingerprint: string | null
  verified: boolean
}

/** Seals `password` (a reset of Bob's or Carol's own cluster user) to the card `toCard`, as a file. */
async function handoffFile(from: HandoffWorkspace, toCard: string, password: string, expiresInHours: number): Promise<string> {
  const contacts = from.core.handoff.listContacts(from.owner)
  const recipient = contacts.find((contact) => contact.kind === 'card') ?? from.core.handoff.importCard(from.owner, toCard)
  const [sent] = await from.core.handoff.send(from.owner, {
    source: { kind: 'reveal', ticketId: from.ticketFor(password) },
    recipientIds: [recipient.id],
    expiresInHours,
    note: `from ${from.owner.displayName}`,
  })
  const file = join(folder, `from-${from.owner.displayName.split(' ')[0]}-${expiresInHours}h.age`)
  writeFileSync(file, sent!.armored!)
  return file
}

let ownerCard = ''
let bobFile = ''
let carolFile = ''
let carolExpiredFile = ''

beforeAll(async () => {
  // Carol's clock starts three hours back, so her 1-hour handoff has expired by the time the CLI opens it.
  ;[cli, world, bob, carol] = await Promise.all([
    buildFastCli(),
    seedWorkspace({ fullCluster: false }),
    createHandoffWorkspace({
      organization: 'Partner Co',
      owner: { displayName: 'Bob Partner', email: 'bob@partner.example' },
      clock: createManualClock(Date.now()),
    }),
    createHandoffWorkspace({
      organization: 'Carol Co',
      owner: { displayName: 'Carol Outside', email: 'carol@outside.example' },
      clock: createManualClock(Date.now() - 3 * HOUR),
    }),
  ])
  ownerCard = json<{ card: { text: string } }>(await as('owner', ['--json', 'handoff', 'card'])).card.text
  bobFile = await handoffFile(bob, ownerCard, BOB_PASSWORD, 24)
  carolExpiredFile = await handoffFile(carol, ownerCard, CAROL_EXPIRED_PASSWORD, 1)
  carol.clock.advance(3 * HOUR)
  carolFile = await handoffFile(carol, ownerCard, CAROL_PASSWORD, 24)
}, 120_000)

afterAll(() => {
  cli?.cleanup()
  world?.cleanup()
  bob?.cleanup()
  carol?.cleanup()
})

describe('card and contacts', () => {
  let bobCard = ''
  let bobFingerprint = ''

  it('prints your card (text, JSON, or to a file)', async () => {
    const asJson = json<{ card: Record<string, string> }>(await as('owner', ['--json', 'handoff', 'card']))
    expect(Object.keys(asJson.card).sort()).toEqual(['ageRecipient', 'email', 'fingerprint', 'name', 'text'])
    expect(asJson.card).toMatchObject({
      name: PEOPLE.owner.displayName,
      email: PEOPLE.owner.email,
      ageRecipient: expect.stringMatching(/^age1/),
    })
    expect(asJson.card['fingerprint']).toMatch(/^(\d{5} ){11}\d{5}$/)
    const file = join(folder, 'ada.card')
    const written = await as('owner', ['handoff', 'card', '--output', file])
    expect(written.stdout).toContain(`Fingerprint (compare it aloud with whoever imports this card): ${asJson.card['fingerprint']}`)
    expect(readFileSync(file, 'utf8')).toBe(`${ownerCard}\n`)
  })

  it('lists members as verified contacts', async () => {
    const listed = json<{ contacts: Contact[] }>(await as('owner', ['--json', 'handoff', 'contacts', 'list']))
    expect(listed.contacts.map((contact) => [contact.name, contact.kind, contact.verified])).toEqual([
      [PEOPLE.reader.displayName, 'member', true],
      [PEOPLE.throttled.displayName, 'member', true],
    ])
  })

  it('imports a card from a file or standard input; it stays unverified; a second import is a conflict (6)', async () => {
    const card = await bob.core.handoff.myCard(bob.owner)
    bobCard = card.text
    bobFingerprint = card.fingerprint
    const file = join(folder, 'bob.card')
    writeFileSync(file, `${bobCard}\n`)
    const imported = await as('owner', ['--json', 'handoff', 'contacts', 'import', file])
    expect(json<{ contact: Contact }>(imported).contact).toMatchObject({
      kind: 'card',
      name: 'Bob Partner',
      fingerprint: bobFingerprint,
      verified: false,
    })
    expectError(await as('owner', ['handoff', 'contacts', 'import', '-'], { stdin: bobCard }), 6, 'ALREADY_EXISTS')
    expectError(await as('owner', ['handoff', 'contacts', 'import', '--text', '{"not":"a card"}']), 2, 'INVALID_INPUT')
    expectError(await as('owner', ['handoff', 'contacts', 'import', file, '--text', bobCard]), 2, 'INVALID_INPUT')
  })

  it('verifies a card only against the fingerprint its owner reads out (9 when it differs)', async () => {
    const wrong = await as('owner', ['handoff', 'contacts', 'verify', 'bob@partner.example', '--fingerprint', '12345'.repeat(12)])
    expect({ code: wrong.code, stderr: wrong.stderr }).toEqual({ code: 9, stderr: expect.stringContaining('does not match') })
    expectError(await as('owner', ['handoff', 'contacts', 'verify', 'Bob Partner']), 2, 'INVALID_INPUT')
    expectError(
      await as('owner', ['handoff', 'contacts', 'verify', PEOPLE.reader.email, '--fingerprint', bobFingerprint]),
      2,
      'INVALID_INPUT',
    )
    expectError(await as('owner', ['handoff', 'contacts', 'verify', 'nobody@example.com', '--unverify']), 5, 'NOT_FOUND')

    const verified = await as('owner', [
      '--json',
      'handoff',
      'contacts',
      'verify',
      'Bob Partner',
      '--fingerprint',
      bobFingerprint.replaceAll(' ', ''),
    ])
    expect(json<{ contact: Contact }>(verified).contact).toMatchObject({ name: 'Bob Partner', verified: true })
    const unverified = await as('owner', ['handoff', 'contacts', 'verify', 'Bob Partner', '--unverify'])
    expect(unverified.stdout).toBe('Bob Partner is now unverified.\n')
    await as('owner', ['handoff', 'contacts', 'verify', 'Bob Partner', '--fingerprint', bobFingerprint])
  })

  it('adds an external age recipient; a malformed one is invalid (2)', async () => {
    const recipient = await identityToRecipient(await generateX25519Identity())
    const added = await as('owner', ['--json', 'handoff', 'contacts', 'add-external', '--name', 'Partner ops', '--recipient', recipient])
    expect(json<{ contact: Contact }>(added).contact).toMatchObject({
      kind: 'external',
      name: 'Partner ops',
      fingerprint: null,
      verified: false,
    })
    expectError(
      await as('owner', ['handoff', 'contacts', 'add-external', '--name', 'Typo', '--recipient', 'age1notarecipient']),
      2,
      'INVALID_INPUT',
    )
  })
})

describe('send, inbox, open', () => {
  let inboxId = ''

  it('sends a vault entry: to a member into their inbox, to others as owner-only .age files', async () => {
    await as(
      'owner',
      [
        'vault',
        'add',
        '--title',
        'orders reader',
        '--username',
        'reader',
        '--endpoint',
        'https://in01-x.example:19530',
        '--password-fd',
        '4',
      ],
      {
        fd4: ENTRY_PASSWORD,
      },
    )
    const out = makeTempDir()
    const sent = await as('owner', [
      '--json',
      'handoff',
      'send',
      '--entry',
      'orders reader',
      '--to',
      PEOPLE.reader.email,
      '--to',
      'Bob Partner',
      '--to',
      'Partner ops',
      '--note',
      'for the migration',
      '--expires',
      '4',
      '--output-dir',
      out,
    ])
    expect(sent.code).toBe(0)
    const body = json<{
      sent: Array<{ handoffId: string; delivery: string; enforced: boolean; file: string | null; recipientName: string }>
      warnings: string[]
    }>(sent)
    expect(body.sent.map((item) => [item.recipientName, item.delivery, item.enforced])).toEqual([
      [PEOPLE.reader.displayName, 'inbox', true],
      ['Bob Partner', 'file', true],
      ['Partner ops', 'file', false],
    ])
    expect(Object.keys(body.sent[0]!).sort()).toEqual([
      'delivery',
      'enforced',
      'expiresAt',
      'file',
      'handoffId',
      'recipientId',
      'recipientName',
    ])
    expect(body.warnings).toEqual([expect.stringContaining('Partner ops decrypts with age itself')])
    inboxId = body.sent[0]!.handoffId
    for (const item of body.sent.slice(1)) {
      expect(statSync(item.file!).mode & 0o777).toBe(0o600)
      const armored = readFileSync(item.file!, 'utf8')
      expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/)
      expect(armored).not.toContain(ENTRY_PASSWORD)
    }
  })

  it('refuses: another account’s entry (5), an unknown recipient (5), a too-long expiry and a missing folder (2)', async () => {
    expectError(await as('reader', ['handoff', 'send', '--entry', 'orders reader', '--to', PEOPLE.owner.email]), 5, 'NOT_FOUND')
    expectError(await as('owner', ['handoff', 'send', '--entry', 'orders reader', '--to', 'Nobody Known']), 5, 'NOT_FOUND')
    expectError(
      await as('owner', ['handoff', 'send', '--entry', 'orders reader', '--to', PEOPLE.reader.email, '--expires', '200']),
      2,
      'INVALID_INPUT',
    )
    expectError(
      await as('owner', ['handoff', 'send', '--entry', 'orders reader', '--to', 'Bob Partner', '--output-dir', join(folder, 'missing')]),
      2,
      'INVALID_INPUT',
    )
  })

  it('the member sees it in their inbox and opens it once; without --reveal or --keep nothing is opened (2)', async () => {
    const inbox = json<{ inbox: Array<Record<string, unknown>> }>(await as('reader', ['--json', 'handoff', 'inbox']))
    expect(inbox.inbox).toEqual([
      {
        handoffId: inboxId,
        senderName: PEOPLE.owner.displayName,
        senderEmail: PEOPLE.owner.email,
        // An entry outside the workspace is named by its endpoint's host, never by its title.
        clusterName: 'in01-x.example',
        username: 'reader',
        createdAt: expect.any(Number),
        expiresAt: expect.any(Number),
      },
    ])
    expectError(await as('reader', ['handoff', 'open', inboxId]), 2, 'INVALID_INPUT')
    expect(json<{ inbox: unknown[] }>(await as('reader', ['--json', 'handoff', 'inbox'])).inbox).toHaveLength(1)

    const opened = await as('reader', ['--json', '--reveal', 'handoff', 'open', inboxId])
    expect(opened.code).toBe(0)
    expect(json(opened)).toEqual({
      status: 'opened',
      handoff: {
        handoffId: inboxId,
        sender: { name: PEOPLE.owner.displayName, email: PEOPLE.owner.email, fingerprint: expect.any(String), verified: true },
        // An entry outside the workspace is named by its endpoint's host, never by its title.
        clusterName: 'in01-x.example',
        username: 'reader',
        role: null,
        note: 'for the migration',
        expiresAt: expect.any(Number),
      },
      credential: { username: 'reader', passwordShown: true, password: ENTRY_PASSWORD },
    })
    expectError(await as('reader', ['--reveal', 'handoff', 'open', inboxId]), 6, 'HANDOFF_ALREADY_OPENED')
    expect(json<{ inbox: unknown[] }>(await as('reader', ['--json', 'handoff', 'inbox'])).inbox).toEqual([])
  })

  it('opens a file from a contact, printed once with the warning', async () => {
    const opened = await as('owner', ['--reveal', 'handoff', 'open', bobFile])
    expect(opened.code).toBe(0)
    expect(opened.stdout).toContain('Handoff from Bob Partner <bob@partner.example>\n')
    expect(opened.stdout).toContain('Note:     from Bob Partner')
    expect(opened.stdout).toContain('Shown only once')
    expect(opened.stdout).toContain(`Password: ${BOB_PASSWORD}\n`)
    expectError(await as('owner', ['--reveal', 'handoff', 'open', bobFile]), 6, 'HANDOFF_ALREADY_OPENED')
  })

  it('a stranger’s file is opened only after their fingerprint is accepted (9 until then), and --keep keeps it', async () => {
    const asked = await as('owner', ['--json', 'handoff', 'open', carolFile, '--keep'])
    expect(asked.code).toBe(9)
    const { sender } = json<{ status: string; sender: { name: string; fingerprint: string } }>(asked)
    expect(json(asked)).toEqual({
      status: 'confirmSender',
      sender: { name: 'Carol Outside', email: 'carol@outside.example', fingerprint: sender.fingerprint, verified: false },
    })
    const wrongFingerprint = await as('owner', ['--json', 'handoff', 'open', carolFile, '--keep', '--accept-sender', '54321'.repeat(12)])
    expect(wrongFingerprint.code).toBe(9)

    const kept = await as('owner', ['--json', 'handoff', 'open', carolFile, '--keep', '--accept-sender', sender.fingerprint])
    expect(kept.code).toBe(0)
    const body = json<{ status: string; credential: { passwordShown: boolean; keptAs: { entryId: string; title: string } } }>(kept)
    expect(body).toMatchObject({
      status: 'opened',
      credential: { username: 'app_reader', passwordShown: false, keptAs: { title: 'app_reader on orders-prod' } },
    })
    const shown = json<{ password: string }>(await as('owner', ['--json', '--reveal', 'vault', 'show', body.credential.keptAs.entryId]))
    expect(shown.password).toBe(CAROL_PASSWORD)
    const contacts = json<{ contacts: Contact[] }>(await as('owner', ['--json', 'handoff', 'contacts', 'list']))
    expect(contacts.contacts.find((contact) => contact.name === 'Carol Outside')).toMatchObject({ kind: 'card', verified: false })
  })

  it('refuses files per rule: expired (6), not for me (2), tampered (2), not a file or id (2)', async () => {
    expectError(await as('owner', ['--reveal', 'handoff', 'open', carolExpiredFile]), 6, 'HANDOFF_EXPIRED')
    expectError(await as('reader', ['--reveal', 'handoff', 'open', bobFile]), 2, 'HANDOFF_NOT_FOR_ME')
    // One character of the last body line changed: the payload no longer authenticates.
    const armored = readFileSync(bobFile, 'utf8').split('\n')
    const last = armored.findLastIndex((line) => line !== '' && !line.startsWith('-----'))
    armored[last] = armored[last]!.replace(/^./, (char) => (char === 'A' ? 'B' : 'A'))
    const tampered = join(folder, 'tampered.age')
    writeFileSync(tampered, armored.join('\n'))
    expectError(await as('owner', ['--reveal', 'handoff', 'open', tampered]), 2, 'HANDOFF_TAMPERED')
    expectError(await as('owner', ['--reveal', 'handoff', 'open', join(folder, 'no-such-file.age')]), 2, 'INVALID_INPUT')
    expectError(await as('owner', ['--reveal', 'handoff', 'open', bobFile, '--keep']), 2, 'INVALID_INPUT')
  })
})

describe('secrets', () => {
  it('never appear in argv, stderr or the log; --json without --reveal holds no password', () => {
    harness.expectNoLeaks(30)
  })
})

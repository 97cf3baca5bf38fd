/**
 * Handoff cost without the KDF: Alice seals one handoff for Bob (another workspace, a
 * verified contact) from a held show-once ticket — sign, age-encrypt, audit — and Bob
 * opens it — age-decrypt, verify, replay and expiry checks, audit, new show-once ticket
 * — and reads the password. Target: ≤ 20 ms per create + open. Both sessions are signed
 * in before the bench starts, so no Argon2id runs inside it.
 */
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { createHandoffWorkspace, type HandoffWorkspace } from '../unit/support/handoffWorld'

let alice: HandoffWorkspace
let bob: HandoffWorkspace
let bobContactId: string
let ticketId: string

beforeAll(async () => {
  alice = await createHandoffWorkspace({ organization: 'Alpha', owner: { displayName: 'Alice', email: 'alice@alpha.example' } })
  bob = await createHandoffWorkspace({ organization: 'Beta', owner: { displayName: 'Bob', email: 'bob@beta.example' } })
  const bobContact = alice.core.handoff.importCard(alice.owner, (await bob.core.handoff.myCard(bob.owner)).text)
  const aliceContact = bob.core.handoff.importCard(bob.owner, (await alice.core.handoff.myCard(alice.owner)).text)
  bob.core.handoff.setVerified(bob.owner, aliceContact.id, true)
  bobContactId = bobContact.id
  // Opened as the show-once dialog would; main holds the bytes for hand-off until dismissal.
  ticketId = alice.ticketFor('Bench-Secret-123')
  alice.core.reveals.open(alice.owner, ticketId)
}, 60_000)

afterAll(() => {
  alice.cleanup()
  bob.cleanup()
})

describe('handoff (no KDF)', () => {
  bench(
    'create one handoff (file) → open it → read the password',
    async () => {
      const [sent] = await alice.core.handoff.send(alice.owner, { source: { kind: 'reveal', ticketId }, recipientIds: [bobContactId], expiresInHours: 24, note: null })
      const opened = await bob.core.handoff.openFile(bob.owner, sent!.armored!, null)
      if (opened.status !== 'opened') throw new Error('not opened')
      if (bob.core.reveals.open(bob.owner, opened.reveal.ticketId).password !== 'Bench-Secret-123') throw new Error('wrong password')
    },
    { iterations: 50, time: 0, warmupIterations: 5, warmupTime: 0 },
  )
})

/**
 * The libsodium X25519 stanza against age-encryption's own implementation and Debian's
 * `age` (installed by .ci/run), both ways, and its refusals. Debian's age reading whole
 * handoff files: test/unit/handoff-interop.test.ts.
 */
import { execFileSync } from 'node:child_process'
import { armor, Decrypter, Encrypter, generateX25519Identity, identityToRecipient, Stanza } from 'age-encryption'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, type Sodium } from '../crypto/sodium'
import { decodeBech32Key, x25519Identity, x25519Recipient } from './ageX25519'

let sodium: Sodium
let identity: string
let recipient: string

beforeAll(async () => {
  sodium = await loadSodium()
  identity = await generateX25519Identity()
  recipient = await identityToRecipient(identity)
})

async function encryptWith(to: Parameters<Encrypter['addRecipient']>[0], text: string): Promise<Uint8Array> {
  const encrypter = new Encrypter()
  encrypter.addRecipient(to)
  return encrypter.encrypt(text)
}

async function decryptWith(by: Parameters<Decrypter['addIdentity']>[0], file: Uint8Array): Promise<string> {
  const decrypter = new Decrypter()
  decrypter.addIdentity(by)
  return decrypter.decrypt(file, 'text')
}

describe('age X25519 on libsodium', () => {
  it("writes files age-encryption's own identity opens, and opens files its own recipient wrote", async () => {
    const ours = await encryptWith(x25519Recipient(sodium, Stanza, recipient), 'from libsodium')
    expect(await decryptWith(identity, ours)).toBe('from libsodium')
    const theirs = await encryptWith(recipient, 'from age-encryption')
    expect(await decryptWith(x25519Identity(sodium, identity), theirs)).toBe('from age-encryption')
  })

  it('writes one X25519 stanza with a fresh ephemeral share each time', async () => {
    const fileKey = new Uint8Array(16).fill(7)
    const [first] = x25519Recipient(sodium, Stanza, recipient).wrapFileKey(fileKey) as Stanza[]
    const [second] = x25519Recipient(sodium, Stanza, recipient).wrapFileKey(fileKey) as Stanza[]
    expect(first!.args[0]).toBe('X25519')
    expect(first!.args[1]).toMatch(/^[A-Za-z0-9+/]{43}$/)
    expect(first!.body).toHaveLength(32)
    expect(second!.args[1]).not.toBe(first!.args[1])
    expect(x25519Identity(sodium, identity).unwrapFileKey([first!])).toEqual(fileKey)
  })

  it('says "not mine" (null) for a stanza wrapped to someone else, so age reports no matching identity', async () => {
    const other = await identityToRecipient(await generateX25519Identity())
    const file = await encryptWith(x25519Recipient(sodium, Stanza, other), 'not for you')
    await expect(decryptWith(x25519Identity(sodium, identity), file)).rejects.toThrow(/no identity matched/)
  })

  it('refuses malformed X25519 stanzas and a low-order share instead of ignoring them', () => {
    const ours = x25519Identity(sodium, identity)
    const body = new Uint8Array(32)
    const validShare = Buffer.from(sodium.crypto_scalarmult_base(sodium.randombytes_buf(32)))
      .toString('base64')
      .replace(/=+$/, '')
    expect(() => ours.unwrapFileKey([new Stanza(['X25519'], body)])).toThrow(/invalid X25519 stanza/)
    expect(() => ours.unwrapFileKey([new Stanza(['X25519', `${validShare}=`], body)])).toThrow(/invalid X25519 stanza/)
    expect(() => ours.unwrapFileKey([new Stanza(['X25519', validShare], new Uint8Array(31))])).toThrow(/invalid X25519 stanza/)
    // The all-zero point has order 1: the shared secret would be all zeros.
    expect(() => ours.unwrapFileKey([new Stanza(['X25519', 'A'.repeat(43)], body)])).toThrow()
    // Other stanza types are someone else's business.
    expect(ours.unwrapFileKey([new Stanza(['scrypt', 'c2FsdA', '10'], body)])).toBeNull()
  })

  it('decodes age keys with a valid bech32 checksum only', () => {
    expect(decodeBech32Key(recipient, 'age')).toEqual(sodium.crypto_scalarmult_base(decodeBech32Key(identity, 'age-secret-key-')))
    const flipped = `${recipient.slice(0, -1)}${recipient.endsWith('q') ? 'p' : 'q'}`
    expect(() => decodeBech32Key(flipped, 'age')).toThrow(/not a valid age recipient/)
    expect(() => decodeBech32Key(recipient.toUpperCase().replace('AGE1', 'age1'), 'age')).toThrow()
    expect(() => decodeBech32Key(identity, 'age')).toThrow()
    expect(() => x25519Recipient(sodium, Stanza, 'age1notarecipient')).toThrow()
  })

  it("opens a file Debian's `age -r` encrypted to the recipient", async () => {
    const armored = execFileSync('age', ['-a', '-r', recipient], { input: 'from Debian age', encoding: 'utf8' })
    expect(await decryptWith(x25519Identity(sodium, identity), armor.decode(armored))).toBe('from Debian age')
  })

  it('round-trips through armor like a handoff file', async () => {
    const armored = armor.encode(await encryptWith(x25519Recipient(sodium, Stanza, recipient), 'armored'))
    expect(await decryptWith(x25519Identity(sodium, identity), armor.decode(armored))).toBe('armored')
  })
})

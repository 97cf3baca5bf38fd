/**
 * Field sealing: round trips, wrong key, every single-byte flip of nonce, ciphertext and
 * tag detected, and ciphertexts moved between entries, fields, accounts or format
 * versions refused.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, randomBytes, type Sodium } from '../crypto/sodium'
import { VAULT_FIELDS, deriveVaultKey, openField, sealField, type FieldBinding } from './vaultCrypto'

let sodium: Sodium
beforeAll(async () => {
  sodium = await loadSodium()
})

const binding: FieldBinding = { accountId: 'acc_a', entryId: 'vlt_1', field: 'password' }
const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null)
const plain = () => new TextEncoder().encode('Vault-Secret-1')

describe('vault field sealing', () => {
  it('round-trips every field, with a fresh nonce each time', () => {
    const key = deriveVaultKey(sodium, randomBytes(32))
    for (const field of VAULT_FIELDS) {
      const sealed = sealField(sodium, key, plain(), { ...binding, field })
      expect(text(openField(sodium, key, sealed, { ...binding, field }))).toBe('Vault-Secret-1')
    }
    const a = sealField(sodium, key, plain(), binding)
    const b = sealField(sodium, key, plain(), binding)
    expect(Buffer.from(a.nonce).equals(Buffer.from(b.nonce))).toBe(false)
    expect(Buffer.from(a.sealed).equals(Buffer.from(b.sealed))).toBe(false)
  })

  it('derives a vault key distinct from the account key, the same for the same account key', () => {
    const accountKey = randomBytes(32)
    const first = deriveVaultKey(sodium, accountKey)
    expect(Buffer.from(first).equals(Buffer.from(accountKey))).toBe(false)
    expect(Buffer.from(deriveVaultKey(sodium, accountKey)).equals(Buffer.from(first))).toBe(true)
  })

  it('refuses another key', () => {
    const sealed = sealField(sodium, deriveVaultKey(sodium, randomBytes(32)), plain(), binding)
    expect(openField(sodium, deriveVaultKey(sodium, randomBytes(32)), sealed, binding)).toBeNull()
  })

  it('detects every single-byte flip of the nonce, the ciphertext and the tag', () => {
    const key = deriveVaultKey(sodium, randomBytes(32))
    const sealed = sealField(sodium, key, plain(), binding)
    const tagStart = sealed.sealed.length - sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES
    expect(tagStart).toBe(plain().length)
    let checked = 0
    for (let index = 0; index < sealed.nonce.length; index++) {
      const nonce = sealed.nonce.slice()
      nonce[index] = nonce[index]! ^ 0x01
      expect(openField(sodium, key, { nonce, sealed: sealed.sealed }, binding), `nonce byte ${index}`).toBeNull()
      checked++
    }
    // Ciphertext bytes first, then the 16 tag bytes; each flipped with two patterns.
    for (let index = 0; index < sealed.sealed.length; index++) {
      for (const pattern of [0x01, 0x80]) {
        const body = sealed.sealed.slice()
        body[index] = body[index]! ^ pattern
        expect(openField(sodium, key, { nonce: sealed.nonce, sealed: body }, binding), `${index < tagStart ? 'ciphertext' : 'tag'} byte ${index}`).toBeNull()
        checked++
      }
    }
    expect(checked).toBe(24 + 2 * sealed.sealed.length)
    // Truncated or extended bodies fail too.
    expect(openField(sodium, key, { nonce: sealed.nonce, sealed: sealed.sealed.slice(0, -1) }, binding)).toBeNull()
    expect(openField(sodium, key, { nonce: sealed.nonce, sealed: new Uint8Array([...sealed.sealed, 0]) }, binding)).toBeNull()
    expect(openField(sodium, key, { nonce: sealed.nonce.slice(0, 23), sealed: sealed.sealed }, binding)).toBeNull()
  })

  it('refuses a ciphertext moved to another entry, field, account or format version', () => {
    const key = deriveVaultKey(sodium, randomBytes(32))
    const sealed = sealField(sodium, key, plain(), binding)
    expect(openField(sodium, key, sealed, { ...binding, entryId: 'vlt_2' })).toBeNull()
    expect(openField(sodium, key, sealed, { ...binding, field: 'notes' })).toBeNull()
    expect(openField(sodium, key, sealed, { ...binding, field: 'history' })).toBeNull()
    expect(openField(sodium, key, sealed, { ...binding, accountId: 'acc_b' })).toBeNull()
    expect(openField(sodium, key, sealed, { ...binding, formatVersion: 2 })).toBeNull()
    // Ids that would collide if the parts were simply joined stay distinct.
    const tricky = sealField(sodium, key, plain(), { accountId: 'a|b', entryId: 'c', field: 'password' })
    expect(openField(sodium, key, tricky, { accountId: 'a', entryId: 'b|c', field: 'password' })).toBeNull()
    expect(text(openField(sodium, key, sealed, binding))).toBe('Vault-Secret-1')
  })
})

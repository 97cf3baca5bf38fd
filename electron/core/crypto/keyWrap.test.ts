import { beforeAll, describe, expect, it } from 'vitest'
import {
  ACCOUNT_KEY_BYTES,
  accountKeyAdditionalData,
  newAccountKey,
  unwrapAccountKey,
  wrapAccountKey,
  WRAP_FORMAT_VERSION,
} from './keyWrap'
import { loadSodium, randomBytes, type Sodium } from './sodium'

let sodium: Sodium
beforeAll(async () => {
  sodium = await loadSodium()
})

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('account key wrapping (XChaCha20-Poly1305)', () => {
  it('round-trips the account key', () => {
    const accountKey = newAccountKey()
    const wrappingKey = randomBytes(32)
    const wrapped = wrapAccountKey(sodium, accountKey, wrappingKey, 'acc_1')
    expect(wrapped.formatVersion).toBe(WRAP_FORMAT_VERSION)
    expect(wrapped.nonce).toHaveLength(24)
    expect(wrapped.ciphertext).toHaveLength(ACCOUNT_KEY_BYTES + 16)
    expect(hex(wrapped.ciphertext)).not.toContain(hex(accountKey))
    const result = unwrapAccountKey(sodium, wrapped, wrappingKey, 'acc_1')
    expect(result.ok && hex(result.accountKey)).toBe(hex(accountKey))
  })

  it('uses a fresh nonce every time', () => {
    const accountKey = newAccountKey()
    const wrappingKey = randomBytes(32)
    const first = wrapAccountKey(sodium, accountKey, wrappingKey, 'acc_1')
    const second = wrapAccountKey(sodium, accountKey, wrappingKey, 'acc_1')
    expect(hex(first.nonce)).not.toBe(hex(second.nonce))
    expect(hex(first.ciphertext)).not.toBe(hex(second.ciphertext))
  })

  it('binds the account id and format version in the additional data', () => {
    expect(new TextDecoder().decode(accountKeyAdditionalData('acc_1'))).toBe('cc-account-key|v1|acc_1')
  })

  it('fails authentication with the wrong key, a tampered ciphertext or nonce, or another account id', () => {
    const accountKey = newAccountKey()
    const wrappingKey = randomBytes(32)
    const wrapped = wrapAccountKey(sodium, accountKey, wrappingKey, 'acc_1')
    const failed = { ok: false, reason: 'authentication_failed' }

    expect(unwrapAccountKey(sodium, wrapped, randomBytes(32), 'acc_1')).toEqual(failed)
    const ciphertext = wrapped.ciphertext.slice()
    ciphertext[3]! ^= 0x01
    expect(unwrapAccountKey(sodium, { ...wrapped, ciphertext }, wrappingKey, 'acc_1')).toEqual(failed)
    const nonce = wrapped.nonce.slice()
    nonce[0]! ^= 0x80
    expect(unwrapAccountKey(sodium, { ...wrapped, nonce }, wrappingKey, 'acc_1')).toEqual(failed)
    expect(unwrapAccountKey(sodium, { ...wrapped, nonce: nonce.slice(0, 12) }, wrappingKey, 'acc_1')).toEqual(failed)
    expect(unwrapAccountKey(sodium, wrapped, wrappingKey, 'acc_2')).toEqual(failed)
  })

  it('refuses formats it does not know instead of guessing', () => {
    const wrappingKey = randomBytes(32)
    const wrapped = wrapAccountKey(sodium, newAccountKey(), wrappingKey, 'acc_1')
    expect(unwrapAccountKey(sodium, { ...wrapped, formatVersion: 2 }, wrappingKey, 'acc_1')).toEqual({
      ok: false,
      reason: 'unsupported_format',
    })
  })

  it('only wraps 32-byte keys', () => {
    expect(() => wrapAccountKey(sodium, new Uint8Array(16), randomBytes(32), 'acc_1')).toThrow()
  })
})

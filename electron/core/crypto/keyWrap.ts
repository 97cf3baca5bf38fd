/**
 * Wraps an account key (32 random bytes) under a passphrase-derived key with
 * XChaCha20-Poly1305. The additional data binds each wrapped key to its account and to
 * the wrap format, so a wrapped key copied onto another account, or read with a future
 * format's rules, fails authentication instead of decrypting.
 */
import type { Sodium } from './sodium'
import { randomBytes } from './sodium'

export const ACCOUNT_KEY_BYTES = 32
export const WRAP_FORMAT_VERSION = 1

export interface WrappedAccountKey {
  formatVersion: number
  nonce: Uint8Array
  ciphertext: Uint8Array
}

/**
 * `authentication_failed` covers a wrong passphrase, a tampered ciphertext or nonce and a
 * key moved to another account alike: from the outside they must be indistinguishable.
 */
export type UnwrapResult = { ok: true; accountKey: Uint8Array } | { ok: false; reason: 'authentication_failed' | 'unsupported_format' }

export function newAccountKey(): Uint8Array {
  return randomBytes(ACCOUNT_KEY_BYTES)
}

export function accountKeyAdditionalData(accountId: string, formatVersion: number = WRAP_FORMAT_VERSION): Uint8Array {
  return new TextEncoder().encode(`cc-account-key|v${formatVersion}|${accountId}`)
}

export function wrapAccountKey(sodium: Sodium, accountKey: Uint8Array, wrappingKey: Uint8Array, accountId: string): WrappedAccountKey {
  if (accountKey.length !== ACCOUNT_KEY_BYTES) throw new Error(`Account key must be ${ACCOUNT_KEY_BYTES} bytes`)
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    accountKey,
    accountKeyAdditionalData(accountId),
    null,
    nonce,
    wrappingKey,
  )
  return { formatVersion: WRAP_FORMAT_VERSION, nonce, ciphertext }
}

/** On success the caller owns `accountKey` and must memzero it (or hand it to the session, which does). */
export function unwrapAccountKey(sodium: Sodium, wrapped: WrappedAccountKey, wrappingKey: Uint8Array, accountId: string): UnwrapResult {
  if (wrapped.formatVersion !== WRAP_FORMAT_VERSION) return { ok: false, reason: 'unsupported_format' }
  if (wrapped.nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) {
    return { ok: false, reason: 'authentication_failed' }
  }
  let accountKey: Uint8Array
  try {
    accountKey = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      wrapped.ciphertext,
      accountKeyAdditionalData(accountId, wrapped.formatVersion),
      wrapped.nonce,
      wrappingKey,
    )
  } catch {
    // libsodium.js throws one generic error for every authentication failure.
    return { ok: false, reason: 'authentication_failed' }
  }
  if (accountKey.length !== ACCOUNT_KEY_BYTES) {
    sodium.memzero(accountKey)
    return { ok: false, reason: 'authentication_failed' }
  }
  return { ok: true, accountKey }
}

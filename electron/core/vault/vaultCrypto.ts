/**
 * Sealing of vault fields. Every secret field is encrypted with XChaCha20-Poly1305 under
 * the vault key, a subkey derived from the account key with BLAKE2b (crypto_kdf), so the
 * account key itself encrypts nothing but is the only thing a passphrase change re-wraps.
 * The additional data binds each ciphertext to the account, the entry id, the field name
 * and the format version: a ciphertext moved to another row, field or account, or read
 * under another format's rules, fails authentication instead of decrypting.
 */
import type { Sodium } from '../crypto/sodium'
import { randomBytes } from '../crypto/sodium'

export const VAULT_FORMAT_VERSION = 1
export const VAULT_FIELDS = ['password', 'notes', 'history'] as const
export type VaultField = (typeof VAULT_FIELDS)[number]

/** crypto_kdf contexts are exactly 8 bytes. */
const VAULT_KEY_CONTEXT = 'ccvault_'
const VAULT_KEY_ID = 1

export interface SealedField {
  nonce: Uint8Array
  sealed: Uint8Array
}

export interface FieldBinding {
  accountId: string
  entryId: string
  field: VaultField
  formatVersion?: number
}

/** The key vault fields are sealed under. The caller owns it and must memzero it. */
export function deriveVaultKey(sodium: Sodium, accountKey: Uint8Array): Uint8Array {
  return sodium.crypto_kdf_derive_from_key(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES, VAULT_KEY_ID, VAULT_KEY_CONTEXT, accountKey)
}

/** JSON keeps the parts unambiguous whatever characters an id holds. */
export function fieldAdditionalData(binding: FieldBinding): Uint8Array {
  const version = binding.formatVersion ?? VAULT_FORMAT_VERSION
  return new TextEncoder().encode(JSON.stringify(['cc-vault-field', version, binding.accountId, binding.entryId, binding.field]))
}

export function sealField(sodium: Sodium, vaultKey: Uint8Array, plaintext: Uint8Array, binding: FieldBinding): SealedField {
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, fieldAdditionalData(binding), null, nonce, vaultKey)
  return { nonce, sealed }
}

/** The plaintext (caller wipes it), or null when the field does not authenticate. */
export function openField(sodium: Sodium, vaultKey: Uint8Array, field: SealedField, binding: FieldBinding): Uint8Array | null {
  if ((binding.formatVersion ?? VAULT_FORMAT_VERSION) !== VAULT_FORMAT_VERSION) return null
  if (field.nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) return null
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, field.sealed, fieldAdditionalData(binding), field.nonce, vaultKey)
  } catch {
    // libsodium.js throws one generic error for every authentication failure.
    return null
  }
}

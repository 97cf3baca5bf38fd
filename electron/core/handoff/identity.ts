/**
 * Handoff identities and contact cards.
 *
 * An account's handoff identity is an age X25519 identity (`AGE-SECRET-KEY-1…`, whose
 * recipient `age1…` anyone can encrypt to) plus an Ed25519 signing key pair (libsodium).
 * The private halves are sealed together under the account key with XChaCha20-Poly1305;
 * the additional data binds them to the account, to this purpose and to the format
 * version, so a sealed identity copied onto another account or read as something else
 * fails authentication instead of opening.
 *
 * A contact card is the public half with a name and an email. Its fingerprint (12 groups
 * of 5 digits, like Signal's safety numbers) is derived from both public keys, so two
 * people reading it aloud compare everything that matters in one go.
 */
import { z } from 'zod'
import { FINGERPRINT_GROUP_DIGITS, FINGERPRINT_GROUPS } from '@shared/policy/fingerprint'
import type { Sodium } from '../crypto/sodium'
import { randomBytes } from '../crypto/sodium'
import { canonicalJson } from './canonical'

export const IDENTITY_FORMAT_VERSION = 1
export const CARD_TYPE = 'cluster-credentials-contact'
export const CARD_VERSION = 1

/** The private halves, in memory only while a handoff is being made or opened. */
export interface HandoffPrivateKeys {
  /** `AGE-SECRET-KEY-1…` as age writes it (a JS string: age-encryption takes nothing else). */
  ageIdentity: string
  /** libsodium Ed25519 secret key (64 bytes); wipe after use. */
  signingSecretKey: Uint8Array
}

export interface SealedIdentity {
  formatVersion: number
  ageRecipient: string
  signingPublicKey: Uint8Array
  nonce: Uint8Array
  sealed: Uint8Array
}

export interface ContactCard {
  name: string
  email: string
  ageRecipient: string
  /** Ed25519 public key, 32 bytes. */
  signingPublicKey: Uint8Array
}

export function identityAdditionalData(accountId: string, formatVersion: number = IDENTITY_FORMAT_VERSION): Uint8Array {
  return new TextEncoder().encode(`cc-handoff-identity|v${formatVersion}|${accountId}`)
}

/** Seals the private halves under the account key; the plaintext is the 64-byte signing key then the age identity. */
export function sealIdentity(
  sodium: Sodium,
  accountKey: Uint8Array,
  accountId: string,
  keys: HandoffPrivateKeys,
  ageRecipient: string,
  signingPublicKey: Uint8Array,
): SealedIdentity {
  const identityBytes = new TextEncoder().encode(keys.ageIdentity)
  const plaintext = new Uint8Array(keys.signingSecretKey.length + identityBytes.length)
  plaintext.set(keys.signingSecretKey, 0)
  plaintext.set(identityBytes, keys.signingSecretKey.length)
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
  try {
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, identityAdditionalData(accountId), null, nonce, accountKey)
    return { formatVersion: IDENTITY_FORMAT_VERSION, ageRecipient, signingPublicKey, nonce, sealed }
  } finally {
    sodium.memzero(plaintext)
    sodium.memzero(identityBytes)
  }
}

/** Throws on any authentication failure: a sealed identity that does not open is damage, not input. */
export function unsealIdentity(sodium: Sodium, accountKey: Uint8Array, accountId: string, sealed: SealedIdentity): HandoffPrivateKeys {
  if (sealed.formatVersion !== IDENTITY_FORMAT_VERSION) throw new Error(`Unsupported handoff identity format ${sealed.formatVersion}`)
  const plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
    null,
    sealed.sealed,
    identityAdditionalData(accountId, sealed.formatVersion),
    sealed.nonce,
    accountKey,
  )
  try {
    const secretLength = sodium.crypto_sign_SECRETKEYBYTES
    return {
      signingSecretKey: plaintext.slice(0, secretLength),
      ageIdentity: new TextDecoder().decode(plaintext.subarray(secretLength)),
    }
  } finally {
    sodium.memzero(plaintext)
  }
}

// ---------- fingerprints ----------

const FINGERPRINT_GROUP_BYTES = 5

/**
 * 12 groups of 5 digits from BLAKE2b-512 over a domain tag and both public keys: each
 * group is 5 hash bytes read as a 40-bit number, modulo 100000 (Signal's construction).
 */
export function fingerprintOf(sodium: Sodium, ageRecipient: string, signingPublicKey: Uint8Array): string {
  const encoder = new TextEncoder()
  const parts = [encoder.encode('cc-contact-fingerprint|v1|'), encoder.encode(ageRecipient), encoder.encode('|'), signingPublicKey]
  const input = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let offset = 0
  for (const part of parts) {
    input.set(part, offset)
    offset += part.length
  }
  const digest = sodium.crypto_generichash(64, input, null)
  const groups: string[] = []
  for (let group = 0; group < FINGERPRINT_GROUPS; group++) {
    let value = 0
    for (let byte = 0; byte < FINGERPRINT_GROUP_BYTES; byte++) value = value * 256 + digest[group * FINGERPRINT_GROUP_BYTES + byte]!
    groups.push(String(value % 10 ** FINGERPRINT_GROUP_DIGITS).padStart(FINGERPRINT_GROUP_DIGITS, '0'))
  }
  return groups.join(' ')
}

// ---------- contact card text ----------

/** `age1` + 58 bech32 characters: exactly what age-keygen prints for an X25519 recipient. */
export const AGE_RECIPIENT_PATTERN = /^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/)

const cardSchema = z.strictObject({
  type: z.literal(CARD_TYPE),
  version: z.literal(CARD_VERSION),
  name: z.string().min(1).max(200),
  email: z.string().max(254),
  ageRecipient: z.string().regex(AGE_RECIPIENT_PATTERN),
  signingKey: base64Key,
})

export function cardToJson(card: ContactCard): {
  type: string
  version: number
  name: string
  email: string
  ageRecipient: string
  signingKey: string
} {
  return {
    type: CARD_TYPE,
    version: CARD_VERSION,
    name: card.name,
    email: card.email,
    ageRecipient: card.ageRecipient,
    signingKey: Buffer.from(card.signingPublicKey).toString('base64'),
  }
}

/** The one text form of a card: canonical JSON. Files, pasted text and QR codes all carry exactly this. */
export function encodeCard(card: ContactCard): string {
  return canonicalJson(cardToJson(card))
}

/** Parses a card from any of its forms (surrounding whitespace is ignored); null if it is not one. */
export function parseCardJson(value: unknown): ContactCard | null {
  const parsed = cardSchema.safeParse(value)
  if (!parsed.success) return null
  const signingPublicKey = new Uint8Array(Buffer.from(parsed.data.signingKey, 'base64'))
  if (signingPublicKey.length !== 32) return null
  return { name: parsed.data.name, email: parsed.data.email, ageRecipient: parsed.data.ageRecipient, signingPublicKey }
}

export function decodeCard(text: string): ContactCard | null {
  let value: unknown
  try {
    value = JSON.parse(text.trim())
  } catch {
    return null
  }
  return parseCardJson(value)
}

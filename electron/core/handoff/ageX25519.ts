/**
 * age's X25519 recipient type (age-encryption.org/v1, "X25519 recipient stanza") on
 * libsodium, plugged into the `age-encryption` package through its Recipient and Identity
 * interfaces. age-encryption does the same with WebCrypto, which on Node imports every
 * private key as PKCS #8 (recomputing its public key) and answers each step through the
 * thread pool: about 3 ms per file on each side, most of a handoff's cost. libsodium's
 * X25519 is synchronous, and its secrets live in buffers we can wipe. The file format,
 * header MAC, payload encryption and armor stay age-encryption's; a file written here
 * opens with `age -d` and with age-encryption's own identities, and the reverse
 * (ageX25519.test.ts checks both ways; handoff-interop.test.ts runs Debian's age).
 *
 *   wrap:   e = random 32 bytes; share = X25519(e, basepoint); shared = X25519(e, recipient)
 *           key = HKDF-SHA-256(shared, salt = share ‖ recipient, "age-encryption.org/v1/X25519")
 *           stanza = ["X25519", base64(share) without padding], body = ChaCha20-Poly1305(key, zero nonce, file key)
 *   unwrap: the same key from X25519(identity, share); a body that does not open is not ours.
 */
import { hkdfSync } from 'node:crypto'
// Types only: the package itself is loaded on first use (lazyLibraries.ts) and its Stanza class passed in.
import type { Identity, Recipient, Stanza } from 'age-encryption'
import type { Sodium } from '../crypto/sodium'
import { randomBytes } from '../crypto/sodium'

const STANZA_TYPE = 'X25519'
const HKDF_LABEL = 'age-encryption.org/v1/X25519'
const KEY_BYTES = 32
/** 16-byte file key + 16-byte Poly1305 tag. */
const BODY_BYTES = 32
const ZERO_NONCE = new Uint8Array(12)
const SHARE_BASE64 = /^[A-Za-z0-9+/]{43}$/

/** An `age1…` recipient as age-encryption would accept it; throws on anything else. */
export function x25519Recipient(sodium: Sodium, StanzaClass: typeof Stanza, recipient: string): Recipient {
  const publicKey = decodeBech32Key(recipient, 'age')
  return {
    wrapFileKey(fileKey: Uint8Array): Stanza[] {
      const ephemeral = randomBytes(KEY_BYTES)
      let shared: Uint8Array | null = null
      let key: Uint8Array | null = null
      try {
        const share = sodium.crypto_scalarmult_base(ephemeral)
        shared = sodium.crypto_scalarmult(ephemeral, publicKey)
        key = wrappingKey(shared, share, publicKey)
        const body = sodium.crypto_aead_chacha20poly1305_ietf_encrypt(fileKey, null, null, ZERO_NONCE, key)
        return [new StanzaClass([STANZA_TYPE, toBase64NoPad(share)], body)]
      } finally {
        sodium.memzero(ephemeral)
        if (shared) sodium.memzero(shared)
        if (key) sodium.memzero(key)
      }
    },
  }
}

/**
 * An `AGE-SECRET-KEY-1…` identity. Its secret is copied into a buffer the caller wipes
 * with `wipe()` once the file is open (the identity string itself cannot be wiped).
 */
export function x25519Identity(sodium: Sodium, identity: string): Identity & { wipe(): void } {
  const secret = decodeBech32Key(identity, 'age-secret-key-')
  const ownRecipient = sodium.crypto_scalarmult_base(secret)
  return {
    unwrapFileKey(stanzas: Stanza[]): Uint8Array | null {
      for (const stanza of stanzas) {
        if (stanza.args[0] !== STANZA_TYPE) continue
        // A stanza of our type that is malformed is damage, not someone else's file: age throws too.
        const share = stanza.args.length === 2 ? fromBase64NoPad(stanza.args[1]!) : null
        if (!share || stanza.body.length !== BODY_BYTES) throw new Error('invalid X25519 stanza')
        // Throws for a low-order share (an all-zero shared secret), as age requires.
        const shared = sodium.crypto_scalarmult(secret, share)
        const key = wrappingKey(shared, share, ownRecipient)
        sodium.memzero(shared)
        try {
          return sodium.crypto_aead_chacha20poly1305_ietf_decrypt(null, stanza.body, null, ZERO_NONCE, key)
        } catch {
          // Wrapped to another key: try the next stanza.
        } finally {
          sodium.memzero(key)
        }
      }
      return null
    },
    wipe() {
      sodium.memzero(secret)
    },
  }
}

function wrappingKey(shared: Uint8Array, share: Uint8Array, recipient: Uint8Array): Uint8Array {
  const salt = new Uint8Array(share.length + recipient.length)
  salt.set(share)
  salt.set(recipient, share.length)
  return new Uint8Array(hkdfSync('sha256', shared, salt, HKDF_LABEL, KEY_BYTES))
}

function toBase64NoPad(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '')
}

/** Strict: exactly the canonical unpadded encoding of 32 bytes, as age requires. */
function fromBase64NoPad(text: string): Uint8Array | null {
  if (!SHARE_BASE64.test(text)) return null
  const bytes = new Uint8Array(Buffer.from(text, 'base64'))
  return bytes.length === KEY_BYTES && toBase64NoPad(bytes) === text ? bytes : null
}

// ---------- bech32 (BIP 173), as age encodes its keys ----------

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]

function polymod(values: number[]): number {
  let checksum = 1
  for (const value of values) {
    const top = checksum >>> 25
    checksum = ((checksum & 0x1ffffff) << 5) ^ value
    for (let bit = 0; bit < 5; bit++) if ((top >>> bit) & 1) checksum ^= BECH32_GENERATORS[bit]!
  }
  return checksum
}

/**
 * The 32-byte key in a bech32 string with the given human-readable part (lower case).
 * Throws on a wrong prefix, mixed case, a bad checksum or a wrong length.
 */
export function decodeBech32Key(text: string, expectedPrefix: string): Uint8Array {
  const invalid = () => new Error(`not a valid ${expectedPrefix === 'age' ? 'age recipient' : 'age identity'}`)
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) throw invalid()
  const lower = text.toLowerCase()
  const separator = lower.lastIndexOf('1')
  if (lower.slice(0, separator) !== expectedPrefix) throw invalid()
  const data: number[] = []
  for (const char of lower.slice(separator + 1)) {
    const value = BECH32_CHARSET.indexOf(char)
    if (value < 0) throw invalid()
    data.push(value)
  }
  if (data.length < 6) throw invalid()
  const prefixValues = [...expectedPrefix].map((char) => char.charCodeAt(0))
  const expanded = [...prefixValues.map((code) => code >> 5), 0, ...prefixValues.map((code) => code & 31), ...data]
  if (polymod(expanded) !== 1) throw invalid()
  // 5-bit groups to bytes; leftover bits must be fewer than 5 and zero.
  const bytes: number[] = []
  let accumulator = 0
  let bits = 0
  for (const value of data.slice(0, -6)) {
    accumulator = ((accumulator << 5) | value) & 0xfff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((accumulator >>> bits) & 0xff)
    }
  }
  if (bits >= 5 || (accumulator & ((1 << bits) - 1)) !== 0 || bytes.length !== KEY_BYTES) throw invalid()
  return new Uint8Array(bytes)
}

/**
 * The audit key: 32 random bytes per workspace that key the MAC over the audit chain's
 * head (see AuditLog), so that someone holding only the database file cannot rewrite the
 * chain and vouch for it again. It is never stored in clear:
 * - each account holds it wrapped under its own account key (XChaCha20-Poly1305 under a
 *   subkey of the account key, bound to the account id), so it opens exactly when the
 *   account key does: at sign-in, with no extra passphrase;
 * - a pending member holds it wrapped under an Argon2id key derived from their one-time
 *   enrollment code; redeeming the code re-wraps it under their new account key.
 * Accounts that existed before the audit key (schema version 4) other than the first to
 * sign in afterwards hold no wrap: nobody else knows their account key to wrap it for them.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { PasswordHashingPolicy } from '../crypto/passwordHash'
import { KDF_SALT_BYTES, newKdfSalt } from '../crypto/kdf'
import { randomBytes, type Sodium } from '../crypto/sodium'

export const AUDIT_KEY_BYTES = 32
export const AUDIT_KEY_WRAP_VERSION = 1
const MAC_BYTES = 32
const encoder = new TextEncoder()

export function newAuditKey(): Uint8Array {
  return randomBytes(AUDIT_KEY_BYTES)
}

interface Wrapped {
  formatVersion: number
  nonce: Uint8Array
  ciphertext: Uint8Array
}

function seal(sodium: Sodium, auditKey: Uint8Array, wrappingKey: Uint8Array, additionalData: string): Wrapped {
  const nonce = randomBytes(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(auditKey, encoder.encode(additionalData), null, nonce, wrappingKey)
  return { formatVersion: AUDIT_KEY_WRAP_VERSION, nonce, ciphertext }
}

/** The audit key, or null for a wrap that does not open (wrong key, tampered, foreign account, unknown format). */
function open(sodium: Sodium, wrapped: Wrapped, wrappingKey: Uint8Array, additionalData: string): Uint8Array | null {
  if (wrapped.formatVersion !== AUDIT_KEY_WRAP_VERSION) return null
  if (wrapped.nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) return null
  let key: Uint8Array
  try {
    key = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.ciphertext, encoder.encode(additionalData), wrapped.nonce, wrappingKey)
  } catch {
    return null
  }
  if (key.length === AUDIT_KEY_BYTES) return key
  sodium.memzero(key)
  return null
}

/** A subkey of the account key for this one purpose, so the account key itself never wraps two kinds of secret. */
function accountWrappingKey(sodium: Sodium, accountKey: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(32, encoder.encode('cc-audit-key-wrap|v1'), accountKey)
}

const accountAd = (accountId: string) => `cc-audit-key|v${AUDIT_KEY_WRAP_VERSION}|account|${accountId}`
const enrollmentAd = (accountId: string) => `cc-audit-key|v${AUDIT_KEY_WRAP_VERSION}|enrollment|${accountId}`

/** Wraps the audit key under the account key and stores it; call inside the caller's transaction. */
export function storeAccountWrap(
  deps: { db: BetterSqlite3.Database; sodium: Sodium },
  accountId: string,
  auditKey: Uint8Array,
  accountKey: Uint8Array,
  now: number,
): void {
  const wrappingKey = accountWrappingKey(deps.sodium, accountKey)
  try {
    const wrapped = seal(deps.sodium, auditKey, wrappingKey, accountAd(accountId))
    deps.db
      .prepare(
        `INSERT INTO audit_key_wraps (account_id, format_version, wrap_nonce, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET format_version = excluded.format_version, wrap_nonce = excluded.wrap_nonce,
           wrapped_key = excluded.wrapped_key, created_at = excluded.created_at`,
      )
      .run(accountId, wrapped.formatVersion, Buffer.from(wrapped.nonce), Buffer.from(wrapped.ciphertext), now)
  } finally {
    deps.sodium.memzero(wrappingKey)
  }
}

export type AccountAuditKey =
  | { kind: 'opened'; auditKey: Uint8Array }
  /** No wrap for this account; `workspaceHasKey` says whether any account holds one. */
  | { kind: 'none'; workspaceHasKey: boolean }
  /** A wrap exists but does not open: it was damaged or replaced. */
  | { kind: 'unreadable' }

/** The audit key this account holds, opened with its account key. The caller owns and wipes it. */
export function openAccountWrap(
  deps: { db: BetterSqlite3.Database; sodium: Sodium },
  accountId: string,
  accountKey: Uint8Array,
): AccountAuditKey {
  const row = deps.db
    .prepare<[string], { format_version: unknown; wrap_nonce: unknown; wrapped_key: unknown }>(
      'SELECT format_version, wrap_nonce, wrapped_key FROM audit_key_wraps WHERE account_id = ?',
    )
    .get(accountId)
  if (!row) return { kind: 'none', workspaceHasKey: workspaceHasAuditKey(deps.db) }
  if (typeof row.format_version !== 'number' || !(row.wrap_nonce instanceof Uint8Array) || !(row.wrapped_key instanceof Uint8Array)) {
    return { kind: 'unreadable' }
  }
  const wrappingKey = accountWrappingKey(deps.sodium, accountKey)
  try {
    const auditKey = open(deps.sodium, { formatVersion: row.format_version, nonce: row.wrap_nonce, ciphertext: row.wrapped_key }, wrappingKey, accountAd(accountId))
    return auditKey ? { kind: 'opened', auditKey } : { kind: 'unreadable' }
  } finally {
    deps.sodium.memzero(wrappingKey)
  }
}

/** Whether any account holds the audit key, i.e. the workspace has one (or had one and its wraps were deleted). */
export function workspaceHasAuditKey(db: BetterSqlite3.Database): boolean {
  return db.prepare('SELECT 1 FROM audit_key_wraps LIMIT 1').get() !== undefined
}

function deriveFromCode(sodium: Sodium, code: Uint8Array, salt: Uint8Array, params: PasswordHashingPolicy): Uint8Array {
  return sodium.crypto_pwhash(32, code, salt, params.opslimit, params.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13)
}

/**
 * Wraps the audit key for a pending member under a key derived from their enrollment code
 * (normalised bytes), replacing any earlier wrap; call inside the caller's transaction.
 * The code has 80 random bits and Argon2id in front of it, like its stored hash.
 */
export function storeEnrollmentWrap(
  deps: { db: BetterSqlite3.Database; sodium: Sodium },
  accountId: string,
  auditKey: Uint8Array,
  code: Uint8Array,
  params: PasswordHashingPolicy,
  now: number,
): void {
  const salt = newKdfSalt()
  const wrappingKey = deriveFromCode(deps.sodium, code, salt, params)
  try {
    const wrapped = seal(deps.sodium, auditKey, wrappingKey, enrollmentAd(accountId))
    deps.db
      .prepare(
        `INSERT INTO audit_key_enrollment_wraps
           (account_id, format_version, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrap_nonce, wrapped_key, created_at)
         VALUES (?, ?, 'argon2id13', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET format_version = excluded.format_version, kdf_alg = excluded.kdf_alg,
           kdf_opslimit = excluded.kdf_opslimit, kdf_memlimit = excluded.kdf_memlimit, kdf_salt = excluded.kdf_salt,
           wrap_nonce = excluded.wrap_nonce, wrapped_key = excluded.wrapped_key, created_at = excluded.created_at`,
      )
      .run(accountId, wrapped.formatVersion, params.opslimit, params.memlimit, Buffer.from(salt), Buffer.from(wrapped.nonce), Buffer.from(wrapped.ciphertext), now)
  } finally {
    deps.sodium.memzero(wrappingKey)
  }
}

/** Removes a pending member's code-wrapped copy (a code issued without the audit key must not leave an older one). */
export function deleteEnrollmentWrap(db: BetterSqlite3.Database, accountId: string): void {
  db.prepare('DELETE FROM audit_key_enrollment_wraps WHERE account_id = ?').run(accountId)
}

/** Stored KDF costs are bounded like account keys', so a damaged row cannot ask for gigabytes. */
const MAX_CODE_OPSLIMIT = 64
const MAX_CODE_MEMLIMIT = 1024 * 1024 * 1024

/** The audit key from a pending member's code-wrapped copy, or null (none, damaged, wrong code). The caller wipes it. */
export function openEnrollmentWrap(
  deps: { db: BetterSqlite3.Database; sodium: Sodium },
  accountId: string,
  code: Uint8Array,
): Uint8Array | null {
  const row = deps.db
    .prepare<[string], Record<string, unknown>>(
      `SELECT format_version, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrap_nonce, wrapped_key
       FROM audit_key_enrollment_wraps WHERE account_id = ?`,
    )
    .get(accountId)
  if (!row) return null
  const { format_version, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrap_nonce, wrapped_key } = row
  const usable =
    typeof format_version === 'number' &&
    kdf_alg === 'argon2id13' &&
    Number.isSafeInteger(kdf_opslimit) && (kdf_opslimit as number) >= 1 && (kdf_opslimit as number) <= MAX_CODE_OPSLIMIT &&
    Number.isSafeInteger(kdf_memlimit) && (kdf_memlimit as number) >= 8192 && (kdf_memlimit as number) <= MAX_CODE_MEMLIMIT &&
    kdf_salt instanceof Uint8Array && kdf_salt.length === KDF_SALT_BYTES &&
    wrap_nonce instanceof Uint8Array &&
    wrapped_key instanceof Uint8Array
  if (!usable) return null
  const wrappingKey = deriveFromCode(deps.sodium, code, kdf_salt, { opslimit: kdf_opslimit as number, memlimit: kdf_memlimit as number })
  try {
    return open(deps.sodium, { formatVersion: format_version, nonce: wrap_nonce, ciphertext: wrapped_key }, wrappingKey, enrollmentAd(accountId))
  } finally {
    deps.sodium.memzero(wrappingKey)
  }
}

const HEAD_LABEL = encoder.encode('cc-audit-head|v1|')

/** BLAKE2b-256 keyed with the audit key over the head: a fixed label, its row number (8 bytes) and its hash. */
export function headMac(sodium: Sodium, auditKey: Uint8Array, rowId: number, rowHash: Uint8Array): Uint8Array {
  const message = new Uint8Array(HEAD_LABEL.length + 8 + rowHash.length)
  message.set(HEAD_LABEL)
  new DataView(message.buffer).setBigUint64(HEAD_LABEL.length, BigInt(rowId))
  message.set(rowHash, HEAD_LABEL.length + 8)
  return sodium.crypto_generichash(MAC_BYTES, message, auditKey)
}

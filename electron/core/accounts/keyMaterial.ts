/**
 * An account's key material: the random account key wrapped under an Argon2id key
 * derived from the passphrase, stored in `account_keys` with the KDF parameters it was
 * made with. Passphrase bytes and derived keys are wiped as soon as they are used.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { newKdfSalt, type KdfParams } from '../crypto/kdf'
import type { KeyDeriver } from '../crypto/kdfWorker'
import { unwrapAccountKey, wrapAccountKey, type UnwrapResult, type WrappedAccountKey } from '../crypto/keyWrap'
import type { Sodium } from '../crypto/sodium'

export interface StoredKeyMaterial {
  params: KdfParams
  salt: Uint8Array
  wrapped: WrappedAccountKey
}

interface AccountKeyRow {
  format_version: number
  kdf_alg: string
  kdf_opslimit: number
  kdf_memlimit: number
  kdf_salt: Buffer
  wrap_nonce: Buffer
  wrapped_key: Buffer
}

/**
 * A passphrase as bytes. NFC first, so the same passphrase typed through different input
 * methods (composed vs. decomposed accents) derives the same key. Wipe the result after use.
 */
export function passphraseBytes(passphrase: string): Uint8Array {
  return new TextEncoder().encode(passphrase.normalize('NFC'))
}

/** Derives a fresh wrapping key from the passphrase under a new salt and wraps `accountKey` with it. */
export async function sealAccountKey(
  sodium: Sodium,
  derive: KeyDeriver,
  accountId: string,
  accountKey: Uint8Array,
  passphrase: string,
  params: KdfParams,
): Promise<StoredKeyMaterial> {
  const salt = newKdfSalt()
  const wrappingKey = await derive(passphraseBytes(passphrase), salt, params)
  try {
    return { params, salt, wrapped: wrapAccountKey(sodium, accountKey, wrappingKey, accountId) }
  } finally {
    sodium.memzero(wrappingKey)
  }
}

/** Tries the passphrase against stored material; a wrong one yields `authentication_failed`. */
export async function openAccountKey(
  sodium: Sodium,
  derive: KeyDeriver,
  accountId: string,
  material: StoredKeyMaterial,
  passphrase: string,
): Promise<UnwrapResult> {
  const wrappingKey = await derive(passphraseBytes(passphrase), material.salt, material.params)
  try {
    return unwrapAccountKey(sodium, material.wrapped, wrappingKey, accountId)
  } finally {
    sodium.memzero(wrappingKey)
  }
}

/** Far above anything calibration picks (256 MiB, a handful of passes), far below harm. */
const MAX_STORED_OPSLIMIT = 64
const MAX_STORED_MEMLIMIT = 1024 * 1024 * 1024

function inRange(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max
}

export function readKeyMaterial(db: BetterSqlite3.Database, accountId: string): StoredKeyMaterial | null {
  const row = db
    .prepare(
      `SELECT format_version, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrap_nonce, wrapped_key
       FROM account_keys WHERE account_id = ?`,
    )
    .get(accountId) as AccountKeyRow | undefined
  if (!row) return null
  if (row.kdf_alg !== 'argon2id13') throw new Error(`Unsupported KDF algorithm in account_keys: ${row.kdf_alg}`)
  // A damaged row must fail clearly, not ask libsodium for gigabytes or hours.
  if (!inRange(row.kdf_opslimit, 1, MAX_STORED_OPSLIMIT) || !inRange(row.kdf_memlimit, 8192, MAX_STORED_MEMLIMIT)) {
    throw new Error('Account key material has out-of-range KDF parameters')
  }
  return {
    params: { alg: 'argon2id13', opslimit: row.kdf_opslimit, memlimit: row.kdf_memlimit },
    salt: new Uint8Array(row.kdf_salt),
    wrapped: {
      formatVersion: row.format_version,
      nonce: new Uint8Array(row.wrap_nonce),
      ciphertext: new Uint8Array(row.wrapped_key),
    },
  }
}

/** Inserts or replaces the account's key material; call inside the caller's transaction. */
export function writeKeyMaterial(
  db: BetterSqlite3.Database,
  accountId: string,
  material: StoredKeyMaterial,
  now: number,
): void {
  db.prepare(
    `INSERT INTO account_keys
       (account_id, format_version, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrap_nonce, wrapped_key, updated_at)
     VALUES (@accountId, @formatVersion, @alg, @opslimit, @memlimit, @salt, @nonce, @ciphertext, @now)
     ON CONFLICT (account_id) DO UPDATE SET
       format_version = excluded.format_version, kdf_alg = excluded.kdf_alg,
       kdf_opslimit = excluded.kdf_opslimit, kdf_memlimit = excluded.kdf_memlimit,
       kdf_salt = excluded.kdf_salt, wrap_nonce = excluded.wrap_nonce,
       wrapped_key = excluded.wrapped_key, updated_at = excluded.updated_at`,
  ).run({
    accountId,
    formatVersion: material.wrapped.formatVersion,
    alg: material.params.alg,
    opslimit: material.params.opslimit,
    memlimit: material.params.memlimit,
    salt: Buffer.from(material.salt),
    nonce: Buffer.from(material.wrapped.nonce),
    ciphertext: Buffer.from(material.wrapped.ciphertext),
    now,
  })
}

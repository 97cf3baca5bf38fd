/**
 * An account's key material: the random account key wrapped under an Argon2id key
 * derived from the passphrase, stored in `account_keys` with the KDF parameters it was
 * made with. Passphrase bytes and derived keys are wiped as soon as they are used.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { KDF_SALT_BYTES, newKdfSalt, type KdfParams } from '../crypto/kdf'
import type { KeyDeriver } from '../crypto/kdfWorker'
import {
  ACCOUNT_KEY_BYTES,
  unwrapAccountKey,
  WRAP_FORMAT_VERSION,
  wrapAccountKey,
  type UnwrapResult,
  type WrappedAccountKey,
} from '../crypto/keyWrap'
import type { Sodium } from '../crypto/sodium'

export interface StoredKeyMaterial {
  params: KdfParams
  salt: Uint8Array
  wrapped: WrappedAccountKey
}

/** As read from SQLite, which keeps whatever type was written: nothing here is trusted yet. */
interface AccountKeyRow {
  format_version: unknown
  kdf_alg: unknown
  kdf_opslimit: unknown
  kdf_memlimit: unknown
  kdf_salt: unknown
  wrap_nonce: unknown
  wrapped_key: unknown
}

/** XChaCha20-Poly1305: 24-byte nonce, 16-byte tag after the 32-byte account key. */
const WRAP_NONCE_BYTES = 24
const WRAPPED_KEY_BYTES = ACCOUNT_KEY_BYTES + 16

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

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
}

function bytesOfLength(value: unknown, length: number): value is Uint8Array {
  return value instanceof Uint8Array && value.length === length
}

/** What a damaged row answers: typed, so the refusal is audited and explained instead of INTERNAL. */
export function keyMaterialCorrupt(): AppError {
  return new AppError(
    'KEY_MATERIAL_CORRUPT',
    "This account's stored key is damaged, so it cannot be unlocked with any passphrase. " +
      'Nothing was changed. Restore the workspace from a backup, or ask an Organization Owner to remove and re-add the account.',
  )
}

/**
 * The account's key material, checked field by field: a missing row of an active account,
 * an unknown format or KDF, out-of-range KDF parameters or a salt, nonce or wrapped key of
 * the wrong type or length is KEY_MATERIAL_CORRUPT. A damaged row must fail clearly, not
 * ask libsodium for gigabytes or hours, nor pass as a wrong passphrase.
 */
export function readKeyMaterial(db: BetterSqlite3.Database, accountId: string): StoredKeyMaterial {
  const row = db
    .prepare(
      `SELECT format_version, kdf_alg, kdf_opslimit, kdf_memlimit, kdf_salt, wrap_nonce, wrapped_key
       FROM account_keys WHERE account_id = ?`,
    )
    .get(accountId) as AccountKeyRow | undefined
  if (
    !row ||
    row.format_version !== WRAP_FORMAT_VERSION ||
    row.kdf_alg !== 'argon2id13' ||
    !inRange(row.kdf_opslimit, 1, MAX_STORED_OPSLIMIT) ||
    !inRange(row.kdf_memlimit, 8192, MAX_STORED_MEMLIMIT) ||
    !bytesOfLength(row.kdf_salt, KDF_SALT_BYTES) ||
    !bytesOfLength(row.wrap_nonce, WRAP_NONCE_BYTES) ||
    !bytesOfLength(row.wrapped_key, WRAPPED_KEY_BYTES)
  ) {
    throw keyMaterialCorrupt()
  }
  return {
    params: { alg: 'argon2id13', opslimit: row.kdf_opslimit, memlimit: row.kdf_memlimit },
    salt: new Uint8Array(row.kdf_salt),
    wrapped: {
      formatVersion: WRAP_FORMAT_VERSION,
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

/**
 * Argon2id, started early. Every command signs in, and the key derivation (about half a
 * second, by design) dominates its run time; loading the command line's heavier half (zod,
 * the IPC contract, the core's services) costs a few hundred milliseconds more. Neither
 * needs to wait for the other: once the passphrase is read, this looks up the account's
 * stored salt and Argon2id parameters (read-only) and starts the derivation in a worker
 * thread while the main thread loads the rest.
 *
 * Sign-in still happens only through the app's own session.signIn over the dispatcher,
 * with its throttling, audit rows and errors. The core's key deriver (CoreOptions.deriveKey)
 * takes the early result only for exactly the same passphrase bytes, salt and parameters
 * and derives afresh otherwise, so whatever the early look-up finds or misses (no such
 * account, damaged key material, an unreadable file) changes no outcome, only the timing.
 */
import { timingSafeEqual } from 'node:crypto'
import Database from 'better-sqlite3'
import { passphraseBytes, readKeyMaterial } from '../core/accounts/keyMaterial'
import type { KdfParams } from '../core/crypto/kdf'
import type { KeyDeriver } from '../core/crypto/kdfWorker'
import { commandLineKeyDeriver } from './keyDerivation'

export interface EarlyKdf {
  /** Whether a derivation started early (the account and its key material were found). */
  readonly started: boolean
  /** For CoreOptions.deriveKey: the early key when the request matches it, else a fresh derivation. */
  readonly derive: KeyDeriver
  /** Wipes an early key nobody took and stops the worker. */
  close(): Promise<void>
}

interface EarlyDerivation {
  /** A copy of the passphrase bytes, kept to recognise the matching request; wiped when settled. */
  passphrase: Uint8Array
  salt: Uint8Array
  params: KdfParams
  key: Promise<Uint8Array>
}

export function startEarlyKdf(databaseFile: string, email: string, passphrase: string): EarlyKdf {
  const worker = commandLineKeyDeriver()
  let early: EarlyDerivation | null = null
  const stored = storedKeyParams(databaseFile, email)
  if (stored) {
    const bytes = passphraseBytes(passphrase)
    const copy = bytes.slice()
    const key = worker.derive(bytes, stored.salt, stored.params)
    // A failure surfaces where the key is used, exactly as a failed derivation would.
    key.catch(() => undefined)
    early = { passphrase: copy, salt: stored.salt, params: stored.params, key }
  }

  return {
    started: early !== null,
    derive(requested, salt, params) {
      const candidate = early
      if (
        candidate &&
        sameBytes(candidate.passphrase, requested) &&
        sameBytes(candidate.salt, salt) &&
        sameParams(candidate.params, params)
      ) {
        early = null
        candidate.passphrase.fill(0)
        requested.fill(0)
        return candidate.key
      }
      return worker.derive(requested, salt, params)
    },
    async close() {
      const unused = early
      early = null
      if (unused) {
        unused.passphrase.fill(0)
        await unused.key.then((key) => key.fill(0)).catch(() => undefined)
      }
      await worker.close()
    },
  }
}

/** The account's salt and parameters, or null when anything is missing or odd (sign-in then derives as usual). */
function storedKeyParams(databaseFile: string, email: string): { salt: Uint8Array; params: KdfParams } | null {
  let db: Database.Database | null = null
  try {
    db = new Database(databaseFile, { readonly: true, fileMustExist: true })
    const wanted = email.trim().toLowerCase()
    const accounts = db.prepare(`SELECT id, email FROM accounts WHERE status = 'active'`).all() as Array<{ id: string; email: string }>
    const account = accounts.find((candidate) => candidate.email.toLowerCase() === wanted)
    if (!account) return null
    const { salt, params } = readKeyMaterial(db, account.id)
    return { salt, params }
  } catch {
    return null
  } finally {
    db?.close()
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

function sameParams(a: KdfParams, b: KdfParams): boolean {
  return a.alg === b.alg && a.opslimit === b.opslimit && a.memlimit === b.memlimit
}

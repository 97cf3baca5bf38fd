/**
 * Argon2id password hashes (crypto_pwhash_str) kept for cluster passwords and enrollment
 * codes, and their cost. Production uses libsodium's INTERACTIVE preset; the fast policy
 * is for tests only and is never a default anywhere.
 */
import { randomBytes, type Sodium } from './sodium'

export interface PasswordHashingPolicy {
  opslimit: number
  memlimit: number
}

export const PRODUCTION_PASSWORD_HASHING: PasswordHashingPolicy = Object.freeze({
  opslimit: 2,
  memlimit: 64 * 1024 * 1024,
})

/** Test-only: libsodium's minimum cost, so suites can hash hundreds of passwords quickly. */
export const FAST_TEST_PASSWORD_HASHING: PasswordHashingPolicy = Object.freeze({
  opslimit: 1,
  memlimit: 8192,
})

export function hashPassword(sodium: Sodium, policy: PasswordHashingPolicy, password: Uint8Array): string {
  return sodium.crypto_pwhash_str(password, policy.opslimit, policy.memlimit)
}

export function verifyPassword(sodium: Sodium, storedHash: string, password: Uint8Array): boolean {
  try {
    return sodium.crypto_pwhash_str_verify(storedHash, password)
  } catch {
    return false
  }
}

/**
 * A hash of random bytes nobody knows, for verifying against when the real record does not
 * exist, so a miss costs the same Argon2id work as a hit and timing reveals nothing.
 */
export function createDummyHash(sodium: Sodium, policy: PasswordHashingPolicy): () => string {
  let dummy: string | null = null
  return () => {
    if (dummy === null) {
      const throwaway = randomBytes(32)
      dummy = hashPassword(sodium, policy, throwaway)
      sodium.memzero(throwaway)
    }
    return dummy
  }
}

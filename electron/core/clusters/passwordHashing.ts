/**
 * Cost of the Argon2id hashes (crypto_pwhash_str) kept for cluster passwords and
 * enrollment codes. Production uses libsodium's INTERACTIVE preset; the fast policy is
 * for tests only and is never a default anywhere.
 */
import type { PasswordHashingPolicy } from '../core'

export const PRODUCTION_PASSWORD_HASHING: PasswordHashingPolicy = Object.freeze({
  opslimit: 2,
  memlimit: 64 * 1024 * 1024,
})

/** Test-only: libsodium's minimum cost, so suites can hash hundreds of passwords quickly. */
export const FAST_TEST_PASSWORD_HASHING: PasswordHashingPolicy = Object.freeze({
  opslimit: 1,
  memlimit: 8192,
})

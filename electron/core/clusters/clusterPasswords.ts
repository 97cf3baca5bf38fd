/**
 * Turning a password choice into bytes, and bytes into the stored Argon2id string. Typed
 * passwords are checked with the same shared policy the renderer previews. Plaintext only
 * ever exists as a Uint8Array the caller wipes (or hands to a reveal ticket).
 */
import { AppError } from '@shared/errors'
import type { PasswordChoice } from '@shared/ipc/contract'
import { checkClusterPassword } from '@shared/policy/clusterUser'
import { randomBytes, type Sodium } from '../crypto/sodium'
import type { PasswordHashingPolicy } from '../core'
import { GENERATED_LENGTH, generatePassword } from './passwordGenerator'

export function resolvePassword(choice: PasswordChoice, field: string): Uint8Array {
  if (choice.mode === 'generate') {
    // The IPC schema bounds the length too; core answers a direct caller just as clearly.
    const { length } = choice
    if (length !== undefined && (!Number.isInteger(length) || length < GENERATED_LENGTH.min || length > GENERATED_LENGTH.max)) {
      throw new AppError('INVALID_INPUT', `A generated password is ${GENERATED_LENGTH.min} to ${GENERATED_LENGTH.max} characters long.`, { field })
    }
    return generatePassword({
      ...(choice.length === undefined ? {} : { length: choice.length }),
      ...(choice.avoidLookAlikes === undefined ? {} : { avoidLookAlikes: choice.avoidLookAlikes }),
    })
  }
  const problem = checkClusterPassword(choice.password)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field })
  return new TextEncoder().encode(choice.password)
}

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

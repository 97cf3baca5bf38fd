/**
 * Turning a password choice into bytes (hashing them is crypto/passwordHash). Typed
 * passwords are checked with the same shared policy the renderer previews. Plaintext only
 * ever exists as a Uint8Array the caller wipes (or hands to a reveal ticket).
 */
import { AppError } from '@shared/errors'
import type { PasswordChoice } from '@shared/ipc/contract'
import { checkClusterPassword } from '@shared/policy/clusterUser'
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

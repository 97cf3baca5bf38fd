/** Validation of account fields (first-run form, enrollment); every failure names the field it is about. */
import { AppError } from '@shared/errors'
import { checkPassphrase } from '@shared/policy/passphrase'

export const NAME_MAX_LENGTH = 100
export const EMAIL_MAX_LENGTH = 254

/** Trimmed, 1–100 characters. */
export function requireName(value: string, field: string, label: string): string {
  const trimmed = value.trim()
  if (trimmed.length === 0) throw new AppError('INVALID_INPUT', `${label} is required.`, { field })
  if ([...trimmed].length > NAME_MAX_LENGTH) {
    throw new AppError('INVALID_INPUT', `${label} must be at most ${NAME_MAX_LENGTH} characters.`, { field })
  }
  return trimmed
}

// One "@", something on both sides, a dot in the domain, no spaces: catches typos without
// pretending to implement RFC 5322.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

export function requireEmail(value: string, field = 'email'): string {
  const trimmed = value.trim()
  if (trimmed.length === 0) throw new AppError('INVALID_INPUT', 'Email is required.', { field })
  if (trimmed.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(trimmed)) {
    throw new AppError('INVALID_INPUT', 'Enter an email address like name@example.com.', { field })
  }
  return trimmed
}

export function requireAcceptablePassphrase(passphrase: string, field: string): void {
  const problem = checkPassphrase(passphrase)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field })
}

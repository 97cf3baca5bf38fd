/** Validation of account fields (first-run form, new members, enrollment) with the shared policy; every failure names its field. */
import { AppError } from '@shared/errors'
import { checkEmail, checkName, normalizeEmail, normalizeName, type NameKind } from '@shared/policy/account'
import { checkPassphrase } from '@shared/policy/passphrase'

/** Trimmed, 1–100 characters. */
export function requireName(value: string, field: string, kind: NameKind): string {
  const problem = checkName(value, kind)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field })
  return normalizeName(value)
}

export function requireEmail(value: string, field = 'email'): string {
  const problem = checkEmail(value)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field })
  return normalizeEmail(value)
}

export function requireAcceptablePassphrase(passphrase: string, field: string): void {
  const problem = checkPassphrase(passphrase)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field })
}

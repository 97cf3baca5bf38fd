/**
 * The command line's exit codes, one per error code (documented in README, "Command
 * line"). A Record over every ErrorCode, so a new code cannot ship without a decision here.
 */
import type { ErrorCode } from '@shared/errors'

export const EXIT = {
  ok: 0,
  internal: 1,
  invalidInput: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  conflict: 6,
  throttled: 7,
  /** A check ran and said no: `users verify` (credential not valid), `audit verify` (chain broken). */
  checkFailed: 9,
  /** Ctrl-C at a prompt. */
  interrupted: 130,
} as const

export const EXIT_CODE_FOR_ERROR: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: EXIT.invalidInput,
  SAME_PASSWORD: EXIT.invalidInput,
  UNKNOWN_CHANNEL: EXIT.internal,
  FOREIGN_SENDER: EXIT.internal,
  UNAUTHENTICATED: EXIT.unauthenticated,
  WRONG_PASSPHRASE: EXIT.unauthenticated,
  ENROLLMENT_INVALID: EXIT.unauthenticated,
  FORBIDDEN: EXIT.forbidden,
  PROTECTED_USER: EXIT.forbidden,
  NOT_FOUND: EXIT.notFound,
  NO_WORKSPACE: EXIT.notFound,
  ALREADY_EXISTS: EXIT.conflict,
  LIMIT_REACHED: EXIT.conflict,
  LAST_OWNER: EXIT.conflict,
  WORKSPACE_EXISTS: EXIT.conflict,
  WORKSPACE_IN_USE: EXIT.conflict,
  REVEAL_CONSUMED: EXIT.conflict,
  REVEAL_EXPIRED: EXIT.conflict,
  HANDOFF_ALREADY_OPENED: EXIT.conflict,
  HANDOFF_REVOKED: EXIT.conflict,
  HANDOFF_EXPIRED: EXIT.conflict,
  HANDOFF_TAMPERED: EXIT.invalidInput,
  HANDOFF_NOT_FOR_ME: EXIT.invalidInput,
  HANDOFF_BAD_SIGNATURE: EXIT.invalidInput,
  QR_TOO_LARGE: EXIT.invalidInput,
  VAULT_LOCKED: EXIT.unauthenticated,
  VAULT_ENTRY_CORRUPT: EXIT.internal,
  BACKUP_INVALID: EXIT.invalidInput,
  BACKUP_WRONG_PASSPHRASE: EXIT.unauthenticated,
  THROTTLED: EXIT.throttled,
  STORAGE_UNAVAILABLE: EXIT.internal,
  SCHEMA_TOO_NEW: EXIT.internal,
  NATIVE_MODULE_UNAVAILABLE: EXIT.internal,
  KEY_MATERIAL_CORRUPT: EXIT.internal,
  INTERNAL: EXIT.internal,
}

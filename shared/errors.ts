/**
 * Stable error codes crossing the IPC boundary. The renderer branches on `code`, never
 * on `message`; messages are written for people and may change.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FOREIGN_SENDER',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'WRONG_PASSPHRASE',
  'THROTTLED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'LIMIT_REACHED',
  'PROTECTED_USER',
  'LAST_OWNER',
  'SAME_PASSWORD',
  'REVEAL_CONSUMED',
  'REVEAL_EXPIRED',
  // Handoff: each refusal has its own code so the person is told exactly why.
  'HANDOFF_EXPIRED',
  'HANDOFF_TAMPERED',
  'HANDOFF_NOT_FOR_ME',
  'HANDOFF_BAD_SIGNATURE',
  'HANDOFF_ALREADY_OPENED',
  'HANDOFF_REVOKED',
  'QR_TOO_LARGE',
  'ENROLLMENT_INVALID',
  'WORKSPACE_EXISTS',
  'NO_WORKSPACE',
  'STORAGE_UNAVAILABLE',
  'SCHEMA_TOO_NEW',
  /** The session is locked: unlock (sign in again as the same account) first. */
  'VAULT_LOCKED',
  /** One vault entry failed authentication (damaged or tampered); the rest stays usable. */
  'VAULT_ENTRY_CORRUPT',
  /** The file is not a vault backup this app can read (not age, truncated, altered, wrong content). */
  'BACKUP_INVALID',
  /** The backup passphrase does not open this file. */
  'BACKUP_WRONG_PASSPHRASE',
  'NATIVE_MODULE_UNAVAILABLE',
  /** The command line found the app running with the same data folder. */
  'WORKSPACE_IN_USE',
  /** An account's stored key material is damaged (format, KDF parameters, lengths): it cannot be unlocked. */
  'KEY_MATERIAL_CORRUPT',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The only error shape that ever reaches the renderer. */
export interface AppErrorPayload {
  code: ErrorCode
  message: string
  /** Input field the error is about, when there is one (for inline messages). */
  field?: string
  /** For THROTTLED: how long until the next attempt is allowed. */
  retryAfterMs?: number
}

/** Thrown by core and main; mapped 1:1 to {@link AppErrorPayload}. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly retryAfterMs?: number

  constructor(code: ErrorCode, message: string, extra: { field?: string; retryAfterMs?: number } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    if (extra.field !== undefined) this.field = extra.field
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs
  }

  toPayload(): AppErrorPayload {
    const payload: AppErrorPayload = { code: this.code, message: this.message }
    if (this.field !== undefined) payload.field = this.field
    if (this.retryAfterMs !== undefined) payload.retryAfterMs = this.retryAfterMs
    return payload
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/** Envelope used on the wire: ipcRenderer.invoke loses custom error fields, so errors travel as values. */
export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: AppErrorPayload }

/**
 * Turns any error from the API into a sentence for a person. The renderer branches on the
 * stable `code`; main's message is used where it is the most precise text (policy
 * violations, duplicates), and a code-specific explanation where main's text is generic.
 */
import { isApiError } from '@shared/ipc/client'
import type { ErrorCode } from '@shared/errors'

/** What the person was trying to do, so FORBIDDEN can say what their role does not allow. */
export type ActionContext =
  'clusterUsers' | 'clusters' | 'projects' | 'members' | 'audit' | 'reveal' | 'enrollment' | 'handoff' | 'account' | 'vault' | 'settings'

const FORBIDDEN_BY_CONTEXT: Record<ActionContext, string> = {
  clusterUsers: 'Your role in this project does not allow changing cluster users.',
  clusters: 'Only Organization Owners and Project Owners can create clusters in this project.',
  projects: 'Only Organization Owners can create projects.',
  members: 'Your role does not allow managing members here. Organization Owners manage everyone; Project Owners manage their own projects.',
  audit: 'Your role does not allow viewing this part of the audit log.',
  reveal: 'This password belongs to another session and cannot be shown here.',
  enrollment: 'This enrollment cannot be completed.',
  handoff: 'This handoff cannot be done from this account.',
  account: 'This account cannot do that.',
  vault: 'This vault entry belongs to another account and cannot be opened here.',
  settings: 'Your account cannot change these settings.',
}

/** Codes whose meaning is always the same, whatever main's message says. */
const FIXED: Partial<Record<ErrorCode, string>> = {
  WRONG_PASSPHRASE: 'Wrong passphrase.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to continue.',
  PROTECTED_USER: 'db_admin is the default cluster user: it cannot be dropped, renamed or demoted.',
  LAST_OWNER: 'This is the last Organization Owner. Make someone else an Organization Owner first.',
  SAME_PASSWORD: 'The new password must differ from the current one.',
  REVEAL_CONSUMED: 'This password has already been shown once and cannot be displayed again. Reset the password if it was not stored.',
  REVEAL_EXPIRED: 'This password was not opened in time and can no longer be displayed. Reset the password to get a new one.',
  ENROLLMENT_INVALID: 'The email or enrollment code is not valid, already used, or expired. Ask an owner to reissue a code.',
  VAULT_LOCKED: 'The vault is locked. Sign in again to unlock it.',
  VAULT_ENTRY_CORRUPT:
    'This entry is damaged and cannot be opened. The rest of the vault is unaffected; delete the entry or restore it from a backup.',
  BACKUP_WRONG_PASSPHRASE: 'This backup passphrase does not open the file. Nothing was imported.',
  INTERNAL: 'Something went wrong inside the app. Nothing was changed; try again.',
}

/** Codes where main's own message is the helpful one; the fallback covers an empty message. */
const FALLBACK: Partial<Record<ErrorCode, string>> = {
  INVALID_INPUT: 'Some input is not valid.',
  NOT_FOUND: 'It no longer exists. Refresh the page.',
  ALREADY_EXISTS: 'That name is already taken.',
  LIMIT_REACHED: 'The limit has been reached.',
  THROTTLED: 'Too many attempts. Wait a moment and try again.',
  STORAGE_UNAVAILABLE: 'The workspace storage is not available. Nothing was changed.',
  BACKUP_INVALID: 'This file is not a vault backup this app can read (damaged, truncated or altered). Nothing was imported.',
}

export function describeError(error: unknown, context: ActionContext): string {
  if (!isApiError(error)) return 'Something went wrong. Nothing was changed; try again.'
  if (error.code === 'FORBIDDEN') return FORBIDDEN_BY_CONTEXT[context]
  const fixed = FIXED[error.code]
  if (fixed) return fixed
  return error.message || FALLBACK[error.code] || 'The request was refused.'
}

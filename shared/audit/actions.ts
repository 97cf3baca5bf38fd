/**
 * The audit log's action vocabulary: the one list of codes core writes and the renderer
 * shows, each with a label for people. Codes follow the IPC channels' `domain.verb` form.
 *
 * Rows are append-only and hash-chained, so rows written before this vocabulary keep the
 * codes they were written with. LEGACY_AUDIT_ACTIONS maps those to today's code: they get
 * the same label and match the same filter.
 */
export const AUDIT_ACTION_LABELS = {
  'workspace.create': 'Created the workspace',
  'session.signIn': 'Signed in',
  'session.signOut': 'Signed out',
  'account.activate': 'Activated an account',
  'account.changePassphrase': 'Changed passphrase',
  'account.verifyPassphrase': 'Confirmed passphrase',
  'enrollment.redeem': 'Redeemed an enrollment code',
  'member.add': 'Added a member',
  'member.update': 'Changed a member’s roles',
  'member.remove': 'Removed a member',
  'member.reissueEnrollment': 'Issued a new enrollment code',
  'member.list': 'Viewed the members list',
  'project.create': 'Created a project',
  'cluster.view': 'Viewed clusters',
  'cluster.create': 'Created a cluster',
  'clusterUser.view': 'Viewed cluster users',
  'clusterUser.add': 'Added a cluster user',
  'clusterUser.reset': 'Reset a cluster user’s password',
  'clusterUser.drop': 'Dropped a cluster user',
  'clusterUser.changeRole': 'Changed a cluster user’s role',
  'clusterUser.verify': 'Verified a credential',
  'reveal.open': 'Opened a shown-once password',
  'audit.list': 'Viewed the audit log',
  'audit.export': 'Exported the audit log',
  'audit.verify': 'Verified the audit log',
  'session.lock': 'Locked the session',
  'settings.update': 'Changed settings',
  'vault.open': 'Opened the vault',
  'vault.add': 'Added a vault entry',
  'vault.update': 'Changed a vault entry',
  'vault.remove': 'Removed a vault entry',
  'vault.keep': 'Kept a password in the vault',
  'vault.reveal': 'Revealed a vault password',
  'vault.revealNotes': 'Revealed vault notes',
  'vault.copy': 'Copied a vault password',
  'vault.copySnippet': 'Copied a connection snippet',
  'vault.handoff': 'Handed off a vault password',
  'vault.entryCorrupt': 'Found a damaged vault entry',
  'vault.export': 'Exported a vault backup',
  'vault.import': 'Imported a vault backup',
  'handoff.identityCreate': 'Created a handoff identity',
  'handoff.create': 'Handed off a password',
  'handoff.revoke': 'Revoked a handoff',
  'handoff.receive': 'Received a handoff',
  'handoff.open': 'Opened a handoff',
  'handoff.refuse': 'Refused a handoff',
  'handoff.incident': 'Handoff opened twice (incident)',
  'contact.import': 'Imported a contact card',
  'contact.addExternal': 'Added an external recipient',
  'contact.verify': 'Verified a contact',
  'contact.unverify': 'Marked a contact unverified',
  'contact.remove': 'Removed a contact',
} as const satisfies Record<string, string>

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]]

/** Codes written by earlier versions, and the code they are now. */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  'session.sign_in': 'session.signIn',
  'session.sign_out': 'session.signOut',
  'account.change_passphrase': 'account.changePassphrase',
  'account.verify_passphrase': 'account.verifyPassphrase',
  'vault.reveal_notes': 'vault.revealNotes',
  'vault.copy_snippet': 'vault.copySnippet',
  'vault.entry_corrupt': 'vault.entryCorrupt',
}

export function isAuditAction(code: string): code is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABELS, code)
}

/** Today's code for a stored code, or null for a code this version does not know. */
export function currentAuditAction(code: string): AuditAction | null {
  if (isAuditAction(code)) return code
  return Object.prototype.hasOwnProperty.call(LEGACY_AUDIT_ACTIONS, code) ? LEGACY_AUDIT_ACTIONS[code]! : null
}

/** The label for any stored code; an unknown code (e.g. from a newer version) is shown as it is. */
export function auditActionLabel(code: string): string {
  const action = currentAuditAction(code)
  return action ? AUDIT_ACTION_LABELS[action] : code
}

/** Every stored code that means `action`: itself and the legacy codes mapped to it. */
export function storedCodesFor(action: AuditAction): string[] {
  return [action, ...Object.keys(LEGACY_AUDIT_ACTIONS).filter((legacy) => LEGACY_AUDIT_ACTIONS[legacy] === action)]
}

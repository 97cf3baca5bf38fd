/**
 * Domain vocabulary shared by every layer. Account users (people who sign in to this app)
 * and cluster users (username/password pairs for a cluster) are different things and have
 * different types on purpose: nothing here lets one stand in for the other.
 */

export const ORG_ROLES = ['owner', 'member'] as const
export type OrgRole = (typeof ORG_ROLES)[number]

export const PROJECT_ROLES = ['owner', 'read_write', 'read_only'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]

export const CLUSTER_ROLES = ['admin', 'read_write', 'read_only'] as const
export type ClusterRole = (typeof CLUSTER_ROLES)[number]

/** The cluster user every cluster is born with; it can never be dropped, renamed or demoted. */
export const DB_ADMIN_USERNAME = 'db_admin'

export const LIMITS = {
  accountUsersPerOrganization: 100,
  clusterUsersPerCluster: 100,
  /** How long a one-time enrollment code stays valid. */
  enrollmentTtlMs: 48 * 60 * 60 * 1000,
  /** How long a show-once reveal ticket stays valid (and, once shown, how long it may stay open). */
  revealTtlMs: 5 * 60 * 1000,
  /** Handoff expiry: 24 hours unless the sender picks otherwise, never more than 7 days. */
  handoffDefaultTtlMs: 24 * 60 * 60 * 1000,
  handoffMaxTtlMs: 7 * 24 * 60 * 60 * 1000,
  handoffNoteMaxLength: 500,
  /** Recipients of one send: enough for a team, small enough to review before sending. */
  handoffMaxRecipients: 20,
  /** An armored handoff file or contact card; real ones are ~1-2 KB. */
  handoffTextMaxLength: 16_384,
  /** Bytes one QR code holds (version 40, low error correction, byte mode). */
  qrMaxBytes: 2_953,
  /** The camera QR scanner stays open (and main grants video capture) at most this long per start. */
  qrScannerMaxOpenMs: 2 * 60 * 1000,
} as const

export const ORG_ROLE_LABELS: Record<OrgRole, string> = {
  owner: 'Organization Owner',
  member: 'Organization Member',
}

export const PROJECT_ROLE_LABELS: Record<ProjectRole, string> = {
  owner: 'Project Owner',
  read_write: 'Project Read-Write',
  read_only: 'Project Read-Only',
}

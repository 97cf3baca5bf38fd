import type { ClusterRole } from '@shared/domain'

/** One-line explanations of the built-in cluster roles, shown beside the role select. */
export const CLUSTER_ROLE_DESCRIPTIONS: Record<ClusterRole, string> = {
  admin: 'Manages cluster users and roles; full data access.',
  read_write: 'Reads and writes data; may view cluster users and roles.',
  read_only: 'Reads data; may view cluster users and roles.',
}

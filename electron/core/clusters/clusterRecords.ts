/** Read queries over clusters and cluster users, shaped for the IPC contract. */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { ClusterRole } from '@shared/domain'
import type { Cluster, ClusterUser } from '@shared/ipc/contract'
import { can, type ActorRoles } from '../authz/permissions'

export interface ClusterRecord {
  id: string
  project_id: string
  project_name: string
  name: string
  endpoint: string
  created_at: number
  created_by_name: string
  user_count: number
}

export interface ClusterUserRecord {
  cluster_id: string
  username: string
  role: ClusterRole
  password_hash: string
  is_default_admin: 0 | 1
  created_at: number
  created_by_name: string
  password_reset_at: number | null
  password_reset_by_name: string | null
  /** Bumped (from a never-reused sequence) at creation and at every reset; see migration 5. */
  credential_version: number
}

export const SELECT_CLUSTERS = `
  SELECT c.id, c.project_id, p.name AS project_name, c.name, c.endpoint, c.created_at, c.created_by_name,
         (SELECT COUNT(*) FROM cluster_users u WHERE u.cluster_id = c.id) AS user_count
  FROM clusters c JOIN projects p ON p.id = c.project_id`

export function findCluster(db: BetterSqlite3.Database, clusterId: string): ClusterRecord | undefined {
  return db.prepare<[string], ClusterRecord>(`${SELECT_CLUSTERS} WHERE c.id = ?`).get(clusterId)
}

/** The cluster, or NOT_FOUND; callers authorize against its project next (also NOT_FOUND when invisible). */
export function requireCluster(db: BetterSqlite3.Database, clusterId: string): ClusterRecord {
  const cluster = findCluster(db, clusterId)
  if (!cluster) throw new AppError('NOT_FOUND', CLUSTER_NOT_FOUND)
  return cluster
}

export const CLUSTER_NOT_FOUND = 'Cluster not found.'

export function findClusterUser(db: BetterSqlite3.Database, clusterId: string, username: string): ClusterUserRecord | undefined {
  return db
    .prepare<[string, string], ClusterUserRecord>('SELECT * FROM cluster_users WHERE cluster_id = ? AND username = ?')
    .get(clusterId, username)
}

export function toCluster(record: ClusterRecord, roles: ActorRoles): Cluster {
  return {
    id: record.id,
    projectId: record.project_id,
    projectName: record.project_name,
    name: record.name,
    endpoint: record.endpoint,
    createdAt: record.created_at,
    createdBy: record.created_by_name,
    userCount: record.user_count,
    canManageUsers: can(roles, 'clusterUser.add', record.project_id).allowed,
  }
}

export function toClusterUser(record: ClusterUserRecord): ClusterUser {
  return {
    username: record.username,
    role: record.role,
    isDefaultAdmin: record.is_default_admin === 1,
    createdAt: record.created_at,
    createdBy: record.created_by_name,
    passwordResetAt: record.password_reset_at,
    passwordResetBy: record.password_reset_by_name,
  }
}

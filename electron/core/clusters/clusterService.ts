/**
 * Clusters: listed for whoever holds a role in their project; created by Organization
 * Owners and owners of the project. Creation also creates the protected `db_admin` cluster
 * user with the creator's chosen password, which comes back as a show-once ticket.
 */
import { AppError } from '@shared/errors'
import { DB_ADMIN_USERNAME } from '@shared/domain'
import type { Cluster, PasswordChoice, RevealTicket } from '@shared/ipc/contract'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import type { RevealService } from '../reveal/revealService'
import { authorize, loadActorRoles } from '../authz/authorize'
import { can } from '../authz/permissions'
import { auditRefusal, runAudited, type AuditScope } from '../audit/audited'
import { newId } from '../ids'
import { CLUSTER_NOT_FOUND, requireCluster, SELECT_CLUSTERS, toCluster, type ClusterRecord } from './clusterRecords'
import { requireClusterName, requireEndpoint } from './clusterInput'
import { hashPassword } from '../crypto/passwordHash'
import { resolvePassword } from './clusterPasswords'

/** Only what this service uses (see coreDeps.ts). */
type ClusterServiceDeps = Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'passwordHashing' | 'audit'>

export interface CreateClusterInput {
  projectId: string
  name: string
  endpoint: string
  dbAdminPassword: PasswordChoice
}

export class ClusterService {
  constructor(
    private readonly deps: ClusterServiceDeps,
    private readonly reveals: RevealService,
  ) {}

  list(actor: Actor, projectId?: string): Cluster[] {
    const scope: AuditScope = { action: 'cluster.view', target: projectId === undefined ? 'clusters' : `clusters of project ${projectId}` }
    return auditRefusal(this.deps, actor, scope, () => {
      const roles = loadActorRoles(this.deps.db, actor.accountId)
      if (projectId !== undefined) {
        authorize(roles, 'cluster.view', projectId)
        // Organization Owners pass the role check for any id; a project that does not exist is still NOT_FOUND.
        if (!this.deps.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw new AppError('NOT_FOUND', 'Project not found.')
      }
      const records =
        projectId === undefined
          ? this.deps.db.prepare<[], ClusterRecord>(`${SELECT_CLUSTERS} ORDER BY p.name COLLATE NOCASE, c.name COLLATE NOCASE`).all()
          : this.deps.db.prepare<[string], ClusterRecord>(`${SELECT_CLUSTERS} WHERE c.project_id = ? ORDER BY c.name COLLATE NOCASE`).all(projectId)
      return records.filter((record) => can(roles, 'cluster.view', record.project_id).allowed).map((record) => toCluster(record, roles))
    })
  }

  get(actor: Actor, clusterId: string): Cluster {
    return auditRefusal(this.deps, actor, { action: 'cluster.view', target: `cluster ${clusterId}`, clusterId }, () => {
      const roles = loadActorRoles(this.deps.db, actor.accountId)
      const record = requireCluster(this.deps.db, clusterId)
      authorize(roles, 'cluster.view', record.project_id, CLUSTER_NOT_FOUND)
      return toCluster(record, roles)
    })
  }

  create(actor: Actor, input: CreateClusterInput): { cluster: Cluster; reveal: RevealTicket } {
    const { db, sodium, clock, passwordHashing } = this.deps
    const { result: cluster, reveal } = this.reveals.issueAfter(
      actor,
      (keep) =>
        runAudited(this.deps, actor, { action: 'cluster.create', target: `cluster ${input.name.trim()}` }, (scope) => {
          const roles = loadActorRoles(db, actor.accountId)
          authorize(roles, 'cluster.create', input.projectId)
          if (!db.prepare('SELECT 1 FROM projects WHERE id = ?').get(input.projectId)) throw new AppError('NOT_FOUND', 'Project not found.')
          const name = requireClusterName(input.name)
          const endpoint = requireEndpoint(input.endpoint)
          const taken = db.prepare('SELECT 1 FROM clusters WHERE project_id = ? AND name = ? COLLATE NOCASE').get(input.projectId, name)
          if (taken) throw new AppError('ALREADY_EXISTS', `This project already has a cluster named "${name}".`, { field: 'name' })
          const password = keep(resolvePassword(input.dbAdminPassword, 'dbAdminPassword'))
          const passwordHash = hashPassword(sodium, passwordHashing, password)
          const id = newId('cls')
          const now = clock()
          scope.clusterId = id
          db.prepare('INSERT INTO clusters (id, project_id, name, endpoint, created_at, created_by_name) VALUES (?, ?, ?, ?, ?, ?)').run(
            id,
            input.projectId,
            name,
            endpoint,
            now,
            actor.displayName,
          )
          db.prepare(
            `INSERT INTO cluster_users (cluster_id, username, role, password_hash, is_default_admin, created_at, created_by_name)
             VALUES (?, ?, 'admin', ?, 1, ?, ?)`,
          ).run(id, DB_ADMIN_USERNAME, passwordHash, now, actor.displayName)
          return toCluster(requireCluster(db, id), roles)
        }),
      (created) => ({ clusterId: created.id, clusterName: created.name, endpoint: created.endpoint, username: DB_ADMIN_USERNAME }),
    )
    return { cluster, reveal }
  }
}

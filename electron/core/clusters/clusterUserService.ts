/**
 * Cluster users, the seed's three sections plus role changes and an offline credential
 * check. Organization Owners and owners of the cluster's project change users; everyone
 * with a role in the project may view them. `db_admin` is refused here, before the
 * database is touched, on every path that could drop, rename or demote it; the schema's
 * triggers are the last line behind this.
 */
import type { AuditAction } from '@shared/audit/actions'
import { AppError } from '@shared/errors'
import { DB_ADMIN_USERNAME, LIMITS, type ClusterRole } from '@shared/domain'
import type { ClusterUser, PasswordChoice, RevealTicket } from '@shared/ipc/contract'
import { checkClusterUsername } from '@shared/policy/clusterUser'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import type { RevealService } from '../reveal/revealService'
import { authorize, loadActorRoles } from '../authz/authorize'
import type { ProjectAction } from '../authz/permissions'
import { auditRefusal, runAudited, type AuditScope } from '../audit/audited'
import {
  CLUSTER_NOT_FOUND,
  findClusterUser,
  requireCluster,
  toClusterUser,
  type ClusterRecord,
  type ClusterUserRecord,
} from './clusterRecords'
import { createDummyHash, hashPassword, verifyPassword } from '../crypto/passwordHash'
import { resolvePassword } from './clusterPasswords'
import { AttemptThrottle } from '../accounts/throttle'

/** Only what this service uses (see coreDeps.ts). */
type ClusterUserServiceDeps = Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'passwordHashing' | 'audit'>

/** True for `db_admin` however it is cased or encoded (e.g. full-width letters). */
export function isReservedUsername(username: string): boolean {
  return username.normalize('NFKC').toLowerCase() === DB_ADMIN_USERNAME
}

const PROTECTED_MESSAGE = `${DB_ADMIN_USERNAME} is the cluster's built-in admin user: it cannot be dropped, renamed or given another role.`

export class ClusterUserService {
  readonly #dummyHash: () => string
  readonly #verifyThrottle: AttemptThrottle

  constructor(
    private readonly deps: ClusterUserServiceDeps,
    private readonly reveals: RevealService,
  ) {
    this.#dummyHash = createDummyHash(deps.sodium, deps.passwordHashing)
    this.#verifyThrottle = new AttemptThrottle(deps.db, deps.clock, 'clusterUser.verify', 'Too many wrong passwords for this cluster user.')
  }

  list(actor: Actor, clusterId: string): ClusterUser[] {
    return auditRefusal(this.deps, actor, { action: 'clusterUser.view', target: `users of cluster ${clusterId}`, clusterId }, () => {
      const cluster = this.#clusterFor(actor, clusterId, 'clusterUser.view')
      return this.deps.db
        .prepare<[string], ClusterUserRecord>(
          'SELECT * FROM cluster_users WHERE cluster_id = ? ORDER BY is_default_admin DESC, username COLLATE NOCASE',
        )
        .all(cluster.id)
        .map(toClusterUser)
    })
  }

  add(
    actor: Actor,
    input: { clusterId: string; username: string; role: ClusterRole; password: PasswordChoice },
  ): { user: ClusterUser; reveal: RevealTicket } {
    const { db, clock } = this.deps
    return this.#withNewPassword(actor, input, 'clusterUser.add', (cluster, password) => {
      const problem = checkClusterUsername(input.username)
      if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'username' })
      if (isReservedUsername(input.username)) {
        throw new AppError('PROTECTED_USER', `${DB_ADMIN_USERNAME} is reserved for the cluster's built-in admin user.`, { field: 'username' })
      }
      const taken = db
        .prepare<[string, string], { username: string }>('SELECT username FROM cluster_users WHERE cluster_id = ? AND username = ? COLLATE NOCASE')
        .get(cluster.id, input.username)
      if (taken) throw new AppError('ALREADY_EXISTS', `This cluster already has a user named "${taken.username}".`, { field: 'username' })
      if (cluster.user_count >= LIMITS.clusterUsersPerCluster) {
        throw new AppError('LIMIT_REACHED', `A cluster can have at most ${LIMITS.clusterUsersPerCluster} users, db_admin included. Drop a user first.`)
      }
      const bytes = password()
      db.prepare(
        `INSERT INTO cluster_users (cluster_id, username, role, password_hash, is_default_admin, created_at, created_by_name)
         VALUES (?, ?, ?, ?, 0, ?, ?)`,
      ).run(cluster.id, input.username, input.role, this.#hash(bytes), clock(), actor.displayName)
      return toClusterUser(findClusterUser(db, cluster.id, input.username)!)
    })
  }

  resetPassword(actor: Actor, input: { clusterId: string; username: string; password: PasswordChoice }): { reveal: RevealTicket } {
    const { db, sodium, clock } = this.deps
    const { reveal } = this.#withNewPassword(actor, input, 'clusterUser.reset', (cluster, password) => {
      const current = this.#requireUser(cluster, input.username)
      const bytes = password()
      // A generated password cannot collide in practice; only a typed one needs the (costly) check.
      if (input.password.mode === 'typed' && verifyPassword(sodium, current.password_hash, bytes)) {
        throw new AppError('SAME_PASSWORD', 'The new password must be different from the current one.', { field: 'password' })
      }
      db.prepare(
        'UPDATE cluster_users SET password_hash = ?, password_reset_at = ?, password_reset_by_name = ? WHERE cluster_id = ? AND username = ?',
      ).run(this.#hash(bytes), clock(), actor.displayName, cluster.id, current.username)
      return null
    })
    return { reveal }
  }

  drop(actor: Actor, input: { clusterId: string; username: string; confirmUsername: string }): void {
    const { db } = this.deps
    this.#audited(actor, input, 'clusterUser.drop', () => {
      const cluster = this.#clusterFor(actor, input.clusterId, 'clusterUser.drop')
      if (isReservedUsername(input.username)) throw new AppError('PROTECTED_USER', PROTECTED_MESSAGE)
      const user = this.#requireUser(cluster, input.username)
      if (user.is_default_admin === 1) throw new AppError('PROTECTED_USER', PROTECTED_MESSAGE)
      if (input.confirmUsername !== user.username) {
        throw new AppError('INVALID_INPUT', `Type the username exactly to confirm: ${user.username}`, { field: 'confirmUsername' })
      }
      db.prepare('DELETE FROM cluster_users WHERE cluster_id = ? AND username = ? AND is_default_admin = 0').run(cluster.id, user.username)
    })
  }

  changeRole(actor: Actor, input: { clusterId: string; username: string; role: ClusterRole }): ClusterUser {
    const { db } = this.deps
    return this.#audited(actor, input, 'clusterUser.changeRole', () => {
      const cluster = this.#clusterFor(actor, input.clusterId, 'clusterUser.changeRole')
      if (isReservedUsername(input.username)) throw new AppError('PROTECTED_USER', PROTECTED_MESSAGE)
      const user = this.#requireUser(cluster, input.username)
      if (user.is_default_admin === 1) throw new AppError('PROTECTED_USER', PROTECTED_MESSAGE)
      db.prepare('UPDATE cluster_users SET role = ? WHERE cluster_id = ? AND username = ? AND is_default_admin = 0').run(
        input.role,
        cluster.id,
        user.username,
      )
      return toClusterUser(findClusterUser(db, cluster.id, user.username)!)
    })
  }

  /**
   * Checks a credential as the cluster would. Unknown users cost the same Argon2id verify
   * (against a dummy hash) so timing does not reveal which usernames exist. Every project
   * member may check, so wrong guesses are throttled per (actor, cluster user) with the
   * sign-in curve and persist across restarts; every check and every THROTTLED refusal is
   * audited.
   */
  verifyCredential(actor: Actor, input: { clusterId: string; username: string; password: string }): { valid: boolean; role: ClusterRole | null } {
    const { db, sodium } = this.deps
    return this.#audited(actor, input, 'clusterUser.verify', (scope) => {
      const cluster = this.#clusterFor(actor, input.clusterId, 'clusterUser.verify')
      const subject = JSON.stringify([actor.accountId, cluster.id, input.username])
      // Refused before any hashing: a locked-out guess is neither checked nor counted.
      this.#verifyThrottle.assertAllowed(subject)
      const user = findClusterUser(db, cluster.id, input.username)
      const password = new TextEncoder().encode(input.password)
      try {
        const matches = verifyPassword(sodium, user?.password_hash ?? this.#dummyHash(), password)
        const valid = matches && user !== undefined
        if (valid) this.#verifyThrottle.recordSuccess(subject)
        else this.#verifyThrottle.recordFailure(subject)
        scope.target += valid ? ' (valid)' : ' (invalid)'
        return { valid, role: valid ? user.role : null }
      } finally {
        sodium.memzero(password)
      }
    })
  }

  #audited<T>(actor: Actor, input: { clusterId: string; username: string }, action: ProjectAction & AuditAction, work: (scope: AuditScope) => T): T {
    const scope: AuditScope = { action, target: `cluster user ${input.username}`, clusterId: input.clusterId }
    return runAudited(this.deps, actor, scope, work)
  }

  /**
   * Shared shape of add and reset: authorize, let `work` validate and write using the
   * password bytes (produced only once validation has passed), then hand the bytes to a
   * reveal ticket after the transaction commits. Bytes are wiped on any failure.
   */
  #withNewPassword<U>(
    actor: Actor,
    input: { clusterId: string; username: string; password: PasswordChoice },
    action: 'clusterUser.add' | 'clusterUser.reset',
    work: (cluster: ClusterRecord, password: () => Uint8Array) => U,
  ): { user: U; reveal: RevealTicket } {
    const { result, reveal } = this.reveals.issueAfter(
      actor,
      (keep) =>
        this.#audited(actor, input, action, (scope) => {
          const cluster = this.#clusterFor(actor, input.clusterId, action)
          scope.target = `cluster user ${input.username} on ${cluster.name}`
          return { cluster, user: work(cluster, () => keep(resolvePassword(input.password, 'password'))) }
        }),
      ({ cluster }) => ({ clusterId: cluster.id, clusterName: cluster.name, endpoint: cluster.endpoint, username: input.username }),
    )
    return { user: result.user, reveal }
  }

  #clusterFor(actor: Actor, clusterId: string, action: ProjectAction): ClusterRecord {
    const roles = loadActorRoles(this.deps.db, actor.accountId)
    const cluster = requireCluster(this.deps.db, clusterId)
    authorize(roles, action, cluster.project_id, CLUSTER_NOT_FOUND)
    return cluster
  }

  #requireUser(cluster: ClusterRecord, username: string): ClusterUserRecord {
    const user = findClusterUser(this.deps.db, cluster.id, username)
    if (!user) throw new AppError('NOT_FOUND', `Cluster ${cluster.name} has no user named "${username}".`, { field: 'username' })
    return user
  }

  #hash(password: Uint8Array): string {
    return hashPassword(this.deps.sodium, this.deps.passwordHashing, password)
  }
}

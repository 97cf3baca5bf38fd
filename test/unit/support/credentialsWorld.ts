/**
 * A populated organization for cluster-credential tests: the owner from the foundation's
 * fixture, two projects ("own" and "other"), one member per project role in the own
 * project, a target member with a role in both, a pending member in each project, and a
 * cluster in each project holding db_admin plus a `reader` user with a known password.
 * Known passwords here are test data, not secrets.
 */
import type { PlatformRoleName } from './platformRoles'
import type { Actor } from '../../../electron/core/session'
import type { Cluster, Project } from '@shared/ipc/contract'
import type { ProjectRole } from '@shared/domain'
import { createTestDeps, type TestDeps } from '../../../electron/core/testing/testDeps'
import { createOwnerWorkspace } from '../../../electron/core/testing/fixtures'
import { newId } from '../../../electron/core/ids'
import type { AccountService } from '../../../electron/core/accounts/accountService'
import { RevealService } from '../../../electron/core/reveal/revealService'
import { MemberService } from '../../../electron/core/members/memberService'
import { ProjectService } from '../../../electron/core/projects/projectService'
import { ClusterService } from '../../../electron/core/clusters/clusterService'
import { ClusterUserService } from '../../../electron/core/clusters/clusterUserService'

export const READER_PASSWORD = 'Reader-Pass-1'

export interface ProjectFixture {
  project: Project
  cluster: Cluster
  /** Id of a pending member whose only role is read_only in this project. */
  pendingMemberId: string
}

export interface CredentialsWorld {
  env: TestDeps
  accounts: AccountService
  reveals: RevealService
  members: MemberService
  projects: ProjectService
  clusters: ClusterService
  clusterUsers: ClusterUserService
  actors: Record<PlatformRoleName, Actor>
  /** Read-only in both projects; the subject of member changes. */
  targetMemberId: string
  own: ProjectFixture
  other: ProjectFixture
  cleanup(): void
}

export async function createCredentialsWorld(): Promise<CredentialsWorld> {
  const env = await createTestDeps()
  const { accounts, owner } = await createOwnerWorkspace(env)
  const reveals = new RevealService(env.deps)
  const services = {
    members: new MemberService(env.deps, accounts),
    projects: new ProjectService(env.deps),
    clusters: new ClusterService(env.deps, reveals),
    clusterUsers: new ClusterUserService(env.deps, reveals),
  }
  const orgOwner: Actor = { accountId: owner.account.id, displayName: owner.account.displayName }

  const setUpProject = (name: string, clusterName: string) => {
    const project = services.projects.create(orgOwner, { name })
    const { cluster, reveal } = services.clusters.create(orgOwner, {
      projectId: project.id,
      name: clusterName,
      endpoint: `https://in01-${clusterName}.aws-us-west-2.vectordb.example:19530`,
      dbAdminPassword: { mode: 'generate' },
    })
    reveals.dismiss(orgOwner, reveal.ticketId)
    const added = services.clusterUsers.add(orgOwner, {
      clusterId: cluster.id,
      username: 'reader',
      role: 'read_only',
      password: { mode: 'typed', password: READER_PASSWORD },
    })
    reveals.dismiss(orgOwner, added.reveal.ticketId)
    const pending = services.members.add(orgOwner, {
      displayName: `Pending ${name}`,
      email: `pending-${name.toLowerCase()}@acme.example`,
      orgRole: 'member',
      projectRoles: [{ projectId: project.id, role: 'read_only' }],
    })
    return { project, cluster: services.clusters.get(orgOwner, cluster.id), pendingMemberId: pending.member.id }
  }
  const own = setUpProject('Orders', 'orders-prod')
  const other = setUpProject('Billing', 'billing-prod')

  const insertMember = (displayName: string, roles: Array<[string, ProjectRole]>): Actor => {
    const accountId = newId('acc')
    env.deps.db
      .prepare(
        `INSERT INTO accounts (id, display_name, email, org_role, status, created_at, created_by) VALUES (?, ?, ?, 'member', 'active', ?, ?)`,
      )
      .run(accountId, displayName, `${displayName.toLowerCase().replace(/\W+/g, '.')}@acme.example`, env.clock(), orgOwner.accountId)
    const insertRole = env.deps.db.prepare('INSERT INTO project_members (project_id, account_id, role) VALUES (?, ?, ?)')
    for (const [projectId, role] of roles) insertRole.run(projectId, accountId, role)
    return { accountId, displayName }
  }
  const actors: Record<PlatformRoleName, Actor> = {
    orgOwner,
    projectOwner: insertMember('Pia Project Owner', [[own.project.id, 'owner']]),
    projectReadWrite: insertMember('Rob Read Write', [[own.project.id, 'read_write']]),
    projectReadOnly: insertMember('Rae Read Only', [[own.project.id, 'read_only']]),
  }
  const target = insertMember('Tess Target', [
    [own.project.id, 'read_only'],
    [other.project.id, 'read_only'],
  ])

  return { env, accounts, reveals, ...services, actors, targetMemberId: target.accountId, own, other, cleanup: env.cleanup }
}

const SNAPSHOT_TABLES = [
  'organization',
  'accounts',
  'account_keys',
  'enrollments',
  'projects',
  'project_members',
  'clusters',
  'cluster_users',
] as const

/** Every row of every business table, for "nothing changed" assertions (audit_log is checked separately). */
export function snapshotBusinessTables(world: CredentialsWorld): string {
  const { db } = world.env.deps
  return JSON.stringify(
    SNAPSHOT_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all()]),
    (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value),
  )
}

export function lastAuditRow(world: CredentialsWorld) {
  return world.env.deps.db
    .prepare<[], { id: number; actor_id: string | null; action: string; outcome: string; error_code: string | null; target: string }>(
      'SELECT id, actor_id, action, outcome, error_code, target FROM audit_log ORDER BY id DESC LIMIT 1',
    )
    .get()!
}

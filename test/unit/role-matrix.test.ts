/**
 * The role matrix: every platform role × every action × the actor's own project and a
 * project they hold no role in, generated from the one table below. Each case asserts the
 * decision, that a denied call changed nothing, and that audited actions left a row
 * saying how it ended (denied rows carry the error code).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import type { Actor } from '../../electron/core/session'
import { PLATFORM_ROLES, type PlatformRoleName } from './support/platformRoles'
import {
  createCredentialsWorld,
  lastAuditRow,
  READER_PASSWORD,
  snapshotBusinessTables,
  type CredentialsWorld,
  type ProjectFixture,
} from './support/credentialsWorld'

type Scope = 'organization' | 'project'

interface MatrixRow {
  /** What is attempted, as the audit log names it (or a read's name when reads are not audited). */
  action: string
  scope: Scope
  allowed: readonly PlatformRoleName[]
  /** Writes the business tables when allowed. */
  mutates: boolean
  /** Leaves an audit row whether allowed or denied (true), only when refused (reads), or never. */
  audited: boolean | 'refusals'
  /** The audit row's action when it differs from `action`. */
  auditAction?: string
  /**
   * Member management is offered only to people who own some project: everyone else is
   * FORBIDDEN whichever project they name, rather than NOT_FOUND for projects they cannot see.
   */
  memberManagement?: true
  /**
   * The answer in a project the actor holds no role in, when not NOT_FOUND: a Project Owner
   * sees every account, so refusing a change to one is a permission matter.
   */
  outsideOwnProjects?: 'FORBIDDEN'
  run(world: CredentialsWorld, actor: Actor, project: ProjectFixture): unknown
}

const OWNERS = ['orgOwner', 'projectOwner'] as const
const EVERY_ROLE = PLATFORM_ROLES
const ORG_OWNER_ONLY = ['orgOwner'] as const

const MATRIX: readonly MatrixRow[] = [
  { action: 'project.create', scope: 'organization', allowed: ORG_OWNER_ONLY, mutates: true, audited: true,
    run: (w, actor) => w.projects.create(actor, { name: 'Gamma' }) },
  { action: 'project.view', scope: 'project', allowed: EVERY_ROLE, mutates: false, audited: false,
    run: (w, actor, p) => {
      if (!w.projects.list(actor).some((project) => project.id === p.project.id)) throw new AppError('NOT_FOUND', 'hidden')
    } },
  { action: 'member.list', scope: 'project', allowed: OWNERS, memberManagement: true, mutates: false, audited: false,
    run: (w, actor, p) => {
      const members = w.members.list(actor)
      if (!members.some((member) => member.projectRoles.some((role) => role.projectId === p.project.id))) throw new AppError('NOT_FOUND', 'hidden')
    } },
  { action: 'member.add', scope: 'project', allowed: OWNERS, memberManagement: true, mutates: true, audited: true,
    run: (w, actor, p) => w.members.add(actor, { displayName: 'Nia New', email: 'nia@acme.example', orgRole: 'member',
      projectRoles: [{ projectId: p.project.id, role: 'read_write' }] }) },
  { action: 'member.update', scope: 'project', allowed: OWNERS, memberManagement: true, mutates: true, audited: true,
    run: (w, actor, p) => w.members.update(actor, { accountId: w.targetMemberId, projectRoles: [{ projectId: p.project.id, role: 'read_write' }] }) },
  { action: 'member.listAccounts', auditAction: 'member.list', scope: 'organization', allowed: OWNERS, memberManagement: true, mutates: false,
    audited: 'refusals',
    run: (w, actor) => {
      const ids = new Set(w.members.list(actor).map((member) => member.id))
      const everyone = [w.actors.orgOwner.accountId, w.targetMemberId, w.own.pendingMemberId, w.other.pendingMemberId]
      if (!everyone.every((id) => ids.has(id))) throw new AppError('NOT_FOUND', 'hidden')
    } },
  { action: 'member.grantExisting', scope: 'project', allowed: OWNERS, memberManagement: true, mutates: true, audited: true,
    // A member whose only role is in the other project gets a role in this one.
    run: (w, actor, p) => w.members.update(actor, { accountId: (p === w.own ? w.other : w.own).pendingMemberId,
      projectRoles: [{ projectId: p.project.id, role: 'read_only' }] }) },
  // The pending members were invited by the Organization Owner: a Project Owner may not issue them codes (see memberService).
  { action: 'member.reissueEnrollment', scope: 'project', allowed: ORG_OWNER_ONLY, memberManagement: true, outsideOwnProjects: 'FORBIDDEN',
    mutates: true, audited: true,
    run: (w, actor, p) => w.members.reissueEnrollment(actor, p.pendingMemberId) },
  { action: 'member.addWithOrgRole', scope: 'organization', allowed: ORG_OWNER_ONLY, mutates: true, audited: true,
    run: (w, actor) => w.members.add(actor, { displayName: 'Olu Owner', email: 'olu@acme.example', orgRole: 'owner', projectRoles: [] }) },
  { action: 'member.changeOrgRole', scope: 'organization', allowed: ORG_OWNER_ONLY, mutates: true, audited: true,
    run: (w, actor) => w.members.update(actor, { accountId: w.targetMemberId, orgRole: 'owner' }) },
  { action: 'member.remove', scope: 'organization', allowed: ORG_OWNER_ONLY, mutates: true, audited: true,
    run: (w, actor) => w.members.remove(actor, w.targetMemberId) },
  { action: 'audit.list', scope: 'organization', allowed: ORG_OWNER_ONLY, mutates: false, audited: 'refusals',
    run: (w, actor) => w.env.deps.audit.list(actor, {}, 10) },
  { action: 'audit.verify', scope: 'organization', allowed: ORG_OWNER_ONLY, mutates: false, audited: true,
    run: (w, actor) => w.env.deps.audit.verify(actor) },
  { action: 'cluster.view', scope: 'project', allowed: EVERY_ROLE, mutates: false, audited: 'refusals',
    run: (w, actor, p) => w.clusters.get(actor, p.cluster.id) },
  { action: 'cluster.create', scope: 'project', allowed: OWNERS, mutates: true, audited: true,
    run: (w, actor, p) => w.clusters.create(actor, { projectId: p.project.id, name: 'new-cluster', endpoint: 'https://in01-new.example:19530',
      dbAdminPassword: { mode: 'generate' } }) },
  { action: 'clusterUser.view', scope: 'project', allowed: EVERY_ROLE, mutates: false, audited: 'refusals',
    run: (w, actor, p) => w.clusterUsers.list(actor, p.cluster.id) },
  { action: 'clusterUser.verify', scope: 'project', allowed: EVERY_ROLE, mutates: false, audited: true,
    run: (w, actor, p) => w.clusterUsers.verifyCredential(actor, { clusterId: p.cluster.id, username: 'reader', password: READER_PASSWORD }) },
  { action: 'clusterUser.add', scope: 'project', allowed: OWNERS, mutates: true, audited: true,
    run: (w, actor, p) => w.clusterUsers.add(actor, { clusterId: p.cluster.id, username: 'writer', role: 'read_write', password: { mode: 'generate' } }) },
  { action: 'clusterUser.reset', scope: 'project', allowed: OWNERS, mutates: true, audited: true,
    run: (w, actor, p) => w.clusterUsers.resetPassword(actor, { clusterId: p.cluster.id, username: 'reader', password: { mode: 'typed', password: 'Brand-New-Pass-2' } }) },
  { action: 'clusterUser.drop', scope: 'project', allowed: OWNERS, mutates: true, audited: true,
    run: (w, actor, p) => w.clusterUsers.drop(actor, { clusterId: p.cluster.id, username: 'reader', confirmUsername: 'reader' }) },
  { action: 'clusterUser.changeRole', scope: 'project', allowed: OWNERS, mutates: true, audited: true,
    run: (w, actor, p) => w.clusterUsers.changeRole(actor, { clusterId: p.cluster.id, username: 'reader', role: 'read_write' }) },
]

/** What the table implies for one cell: Organization Members see nothing of a project they hold no role in. */
function expectedOutcome(row: MatrixRow, role: PlatformRoleName, where: 'own' | 'other'): 'allowed' | 'FORBIDDEN' | 'NOT_FOUND' {
  if (row.memberManagement && !OWNERS.some((owner) => owner === role)) return 'FORBIDDEN'
  if (row.scope === 'organization') return row.allowed.includes(role) ? 'allowed' : 'FORBIDDEN'
  if (where === 'other' && role !== 'orgOwner') return row.outsideOwnProjects ?? 'NOT_FOUND'
  return row.allowed.includes(role) ? 'allowed' : 'FORBIDDEN'
}

const CASES = MATRIX.flatMap((row) =>
  PLATFORM_ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((where) => ({ row, role, where, expected: expectedOutcome(row, role, where) })),
  ),
)

describe('role matrix', () => {
  let world: CredentialsWorld
  beforeEach(async () => {
    world = await createCredentialsWorld()
  })
  afterEach(() => world.cleanup())

  it('covers every action, role and project relation', () => {
    expect(CASES).toHaveLength(MATRIX.length * PLATFORM_ROLES.length * 2)
  })

  it.each(CASES.map((c) => [`${c.row.action} by ${c.role} in ${c.where} project → ${c.expected}`, c] as const))('%s', (_name, { row, role, where, expected }) => {
    const actor = world.actors[role]
    const project = where === 'own' ? world.own : world.other
    const before = snapshotBusinessTables(world)
    const auditBefore = lastAuditRow(world).id

    let outcome: string = 'allowed'
    try {
      row.run(world, actor, project)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      outcome = error.code
    }
    expect(outcome).toBe(expected)

    const after = snapshotBusinessTables(world)
    if (expected !== 'allowed' || !row.mutates) expect(after).toBe(before)
    else expect(after).not.toBe(before)

    const audit = lastAuditRow(world)
    if (row.audited === 'refusals' && expected === 'allowed') expect(audit.id).toBe(auditBefore)
    if (row.audited === true || (row.audited === 'refusals' && expected !== 'allowed')) {
      expect(audit.id).toBeGreaterThan(auditBefore)
      if (row.audited === 'refusals') expect(audit.action).toBe(row.auditAction ?? row.action)
      expect(audit.actor_id).toBe(actor.accountId)
      expect(audit.outcome).toBe(expected === 'allowed' ? 'allowed' : 'denied')
      expect(audit.error_code).toBe(expected === 'allowed' ? null : expected)
    }
    expect(world.env.deps.audit.verifyChain().ok).toBe(true)
  })

  it('reads roles fresh on every call: a demotion takes effect at once', () => {
    const { projectOwner } = world.actors
    const input = { clusterId: world.own.cluster.id, username: 'reader', role: 'read_write' as const }
    expect(world.clusterUsers.changeRole(projectOwner, input).role).toBe('read_write')
    world.members.update(world.actors.orgOwner, { accountId: projectOwner.accountId, projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] })
    expect(() => world.clusterUsers.changeRole(projectOwner, { ...input, role: 'admin' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }))
    world.members.remove(world.actors.orgOwner, projectOwner.accountId)
    expect(() => world.clusterUsers.list(projectOwner, world.own.cluster.id)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }))
  })
})

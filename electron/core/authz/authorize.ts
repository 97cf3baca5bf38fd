/**
 * Reads the actor's roles fresh from the database on every call (so a demotion or removal
 * takes effect at once) and turns a denied decision into the matching AppError.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '@shared/errors'
import type { OrgRole, ProjectRole } from '@shared/domain'
import { can, type ActorRoles, type OrganizationAction, type ProjectAction } from './permissions'

export function loadActorRoles(db: BetterSqlite3.Database, accountId: string): ActorRoles {
  const account = db
    .prepare<[string], { org_role: OrgRole }>("SELECT org_role FROM accounts WHERE id = ? AND status = 'active'")
    .get(accountId)
  if (!account) throw new AppError('UNAUTHENTICATED', 'Your account is no longer active here. Sign in again.')
  const rows = db
    .prepare<[string], { project_id: string; role: ProjectRole }>('SELECT project_id, role FROM project_members WHERE account_id = ?')
    .all(accountId)
  return { accountId, orgRole: account.org_role, projectRoles: new Map(rows.map((row) => [row.project_id, row.role])) }
}

const FORBIDDEN_MESSAGES: Record<string, string> = {
  'project.create': 'Only an Organization Owner can create projects.',
  'member.manageOrg': 'Only an Organization Owner can do this.',
  'audit.view': 'Only an Organization Owner can view the audit log.',
  'member.manageProject': 'Only an Organization Owner or an owner of this project can manage its members.',
  'cluster.create': 'Only an Organization Owner or an owner of this project can create clusters.',
}
const CLUSTER_USER_CHANGE = 'Only an Organization Owner or an owner of this project can change cluster users.'

export function authorize(roles: ActorRoles, action: OrganizationAction): void
export function authorize(roles: ActorRoles, action: ProjectAction, projectId: string, notFoundMessage?: string): void
export function authorize(
  roles: ActorRoles,
  action: OrganizationAction | ProjectAction,
  projectId?: string,
  notFoundMessage = 'Project not found.',
): void {
  const decision = projectId === undefined ? can(roles, action as OrganizationAction) : can(roles, action as ProjectAction, projectId)
  if (decision.allowed) return
  if (decision.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', notFoundMessage)
  throw new AppError('FORBIDDEN', FORBIDDEN_MESSAGES[action] ?? CLUSTER_USER_CHANGE)
}

/**
 * Who may do what: the single table every service consults. Organization Owners act as
 * Project Owners of every project; Organization Members act by their role in the project
 * at hand. Someone without a role in a project cannot see it, so they get NOT_FOUND (the
 * same answer as for a project that does not exist); someone who can see a resource but
 * not change it gets FORBIDDEN.
 *
 * Decisions documented here:
 * - audit.view is for Organization Owners only: the log spans every project and records
 *   who did what to whom, so it is an organization-level record.
 * - member.manageProject (add a member to a project, change or remove their role there)
 *   is for owners of that project; everything about organization roles, removing an
 *   account and touching an Organization Owner's account is member.manageOrg.
 * - clusterUser.verify (offline credential check) needs only view rights, like a cluster
 *   that authenticates anyone who presents a credential; every check is audited.
 */
import type { OrgRole, ProjectRole } from '@shared/domain'
import type { SessionPermissions } from '@shared/ipc/contract'

export interface ActorRoles {
  accountId: string
  orgRole: OrgRole
  /** Explicit project roles; Organization Owners need none. */
  projectRoles: ReadonlyMap<string, ProjectRole>
}

type OrganizationRule = { scope: 'organization'; orgRoles: readonly OrgRole[] }
type ProjectRule = { scope: 'project'; projectRoles: readonly ProjectRole[] }

const ANY_PROJECT_ROLE: readonly ProjectRole[] = ['owner', 'read_write', 'read_only']
const PROJECT_OWNER: readonly ProjectRole[] = ['owner']

export const PERMISSIONS = {
  'project.create': { scope: 'organization', orgRoles: ['owner'] },
  'member.manageOrg': { scope: 'organization', orgRoles: ['owner'] },
  'audit.view': { scope: 'organization', orgRoles: ['owner'] },
  'project.view': { scope: 'project', projectRoles: ANY_PROJECT_ROLE },
  'member.manageProject': { scope: 'project', projectRoles: PROJECT_OWNER },
  'cluster.view': { scope: 'project', projectRoles: ANY_PROJECT_ROLE },
  'cluster.create': { scope: 'project', projectRoles: PROJECT_OWNER },
  'clusterUser.view': { scope: 'project', projectRoles: ANY_PROJECT_ROLE },
  'clusterUser.verify': { scope: 'project', projectRoles: ANY_PROJECT_ROLE },
  'clusterUser.add': { scope: 'project', projectRoles: PROJECT_OWNER },
  'clusterUser.reset': { scope: 'project', projectRoles: PROJECT_OWNER },
  'clusterUser.drop': { scope: 'project', projectRoles: PROJECT_OWNER },
  'clusterUser.changeRole': { scope: 'project', projectRoles: PROJECT_OWNER },
} as const satisfies Record<string, OrganizationRule | ProjectRule>

export type Action = keyof typeof PERMISSIONS
export type ProjectAction = { [A in Action]: (typeof PERMISSIONS)[A]['scope'] extends 'project' ? A : never }[Action]
export type OrganizationAction = Exclude<Action, ProjectAction>

export type Decision = { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'NOT_FOUND' }

const ALLOWED: Decision = { allowed: true }

/** The role someone effectively holds in a project, or null when they cannot see it. */
export function effectiveProjectRole(roles: ActorRoles, projectId: string): ProjectRole | null {
  if (roles.orgRole === 'owner') return 'owner'
  return roles.projectRoles.get(projectId) ?? null
}

export function can(roles: ActorRoles, action: OrganizationAction): Decision
export function can(roles: ActorRoles, action: ProjectAction, projectId: string): Decision
export function can(roles: ActorRoles, action: Action, projectId?: string): Decision {
  const rule: OrganizationRule | ProjectRule = PERMISSIONS[action]
  if (rule.scope === 'organization') {
    return rule.orgRoles.includes(roles.orgRole) ? ALLOWED : { allowed: false, code: 'FORBIDDEN' }
  }
  const role = projectId === undefined ? null : effectiveProjectRole(roles, projectId)
  if (role === null) return { allowed: false, code: 'NOT_FOUND' }
  return rule.projectRoles.includes(role) ? ALLOWED : { allowed: false, code: 'FORBIDDEN' }
}

/**
 * Member management is offered to Organization Owners and to people who own at least one
 * project (each then acts only within what they own).
 */
export function managesMembers(roles: ActorRoles): boolean {
  return roles.orgRole === 'owner' || [...roles.projectRoles.keys()].some((projectId) => can(roles, 'member.manageProject', projectId).allowed)
}

/**
 * The signed-in person's organization-level permissions, sent to the renderer with the
 * session so it shows only what may be used and guards its routes with main's answer,
 * never its own reading of the roles. Main still checks every call.
 */
export function sessionPermissions(roles: ActorRoles): SessionPermissions {
  return {
    createProjects: can(roles, 'project.create').allowed,
    manageMembers: managesMembers(roles),
    manageOrganization: can(roles, 'member.manageOrg').allowed,
    viewAudit: can(roles, 'audit.view').allowed,
  }
}

import type { ProjectRole } from '@shared/domain'
import type { Member, Project } from '@shared/ipc/contract'
import type { ProjectRoleAssignment } from './useMembersStore'

/** One editable row per project: '' means "no role in this project". */
export interface ProjectRoleRow {
  projectId: string
  projectName: string
  role: ProjectRole | ''
  /** The editor may change this row only in projects they own (org owners own all). */
  editable: boolean
}

export function projectRoleRows(projects: readonly Project[], member: Member | null): ProjectRoleRow[] {
  return projects.map((project) => ({
    projectId: project.id,
    projectName: project.name,
    role: member?.projectRoles.find((r) => r.projectId === project.id)?.role ?? '',
    editable: project.myRole === 'owner',
  }))
}

/**
 * The member's full role list after editing: edited rows plus the roles in projects this
 * editor cannot see, so saving never silently removes someone from another project.
 */
export function assignmentsFromRows(rows: readonly ProjectRoleRow[], member: Member | null): ProjectRoleAssignment[] {
  const shown = new Set(rows.map((r) => r.projectId))
  const hidden = (member?.projectRoles ?? []).filter((r) => !shown.has(r.projectId)).map(({ projectId, role }) => ({ projectId, role }))
  const edited = rows.filter((r) => r.role !== '').map((r) => ({ projectId: r.projectId, role: r.role as ProjectRole }))
  return [...hidden, ...edited]
}

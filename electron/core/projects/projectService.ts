/** Projects: created by Organization Owners, listed with the caller's effective role. */
import { AppError } from '@shared/errors'
import type { ProjectRole } from '@shared/domain'
import type { Project } from '@shared/ipc/contract'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import { authorize, loadActorRoles } from '../authz/authorize'
import { effectiveProjectRole } from '../authz/permissions'
import { runAudited } from '../audit/audited'
import { newId } from '../ids'
import { checkProjectName, normalizeProjectName } from '@shared/policy/project'

/** Only what this service uses (see coreDeps.ts). */
type ProjectServiceDeps = Pick<CoreDeps, 'db' | 'clock' | 'audit'>

interface ProjectRow {
  id: string
  name: string
  created_at: number
  cluster_count: number
}

const SELECT_PROJECTS = `
  SELECT p.id, p.name, p.created_at, (SELECT COUNT(*) FROM clusters c WHERE c.project_id = p.id) AS cluster_count
  FROM projects p`

export class ProjectService {
  constructor(private readonly deps: ProjectServiceDeps) {}

  list(actor: Actor): Project[] {
    const roles = loadActorRoles(this.deps.db, actor.accountId)
    return this.deps.db
      .prepare<[], ProjectRow>(`${SELECT_PROJECTS} ORDER BY p.name COLLATE NOCASE`)
      .all()
      .map((row) => toProject(row, effectiveProjectRole(roles, row.id)))
      .filter((project) => project.myRole !== null)
  }

  create(actor: Actor, input: { name: string }): Project {
    const name = normalizeProjectName(input.name)
    return runAudited(this.deps, actor, { action: 'project.create', target: `project ${name}` }, () => {
      authorize(loadActorRoles(this.deps.db, actor.accountId), 'project.create')
      requireProjectName(name)
      const existing = this.deps.db.prepare('SELECT 1 FROM projects WHERE name = ? COLLATE NOCASE').get(name)
      if (existing) throw new AppError('ALREADY_EXISTS', `A project named "${name}" already exists.`, { field: 'name' })
      const id = newId('prj')
      this.deps.db
        .prepare('INSERT INTO projects (id, name, created_at, created_by) VALUES (?, ?, ?, ?)')
        .run(id, name, this.deps.clock(), actor.accountId)
      return toProject(this.deps.db.prepare<[string], ProjectRow>(`${SELECT_PROJECTS} WHERE p.id = ?`).get(id)!, 'owner')
    })
  }
}

function requireProjectName(name: string): void {
  const problem = checkProjectName(name)
  if (problem) throw new AppError('INVALID_INPUT', problem, { field: 'name' })
}

function toProject(row: ProjectRow, myRole: ProjectRole | null): Project {
  return { id: row.id, name: row.name, myRole, clusterCount: row.cluster_count, createdAt: row.created_at }
}

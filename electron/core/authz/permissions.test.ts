import { describe, expect, it } from 'vitest'
import type { ProjectRole } from '@shared/domain'
import { sessionPermissions, type ActorRoles } from './permissions'

const roles = (orgRole: 'owner' | 'member', projectRoles: Array<[string, ProjectRole]> = []): ActorRoles => ({
  accountId: 'acc_1',
  orgRole,
  projectRoles: new Map(projectRoles),
})

describe('session permissions', () => {
  it('gives an Organization Owner every organization-level permission', () => {
    expect(sessionPermissions(roles('owner'))).toEqual({ createProjects: true, manageMembers: true, manageOrganization: true, viewAudit: true })
  })

  it('lets a Project Owner manage members, nothing organization-wide', () => {
    expect(sessionPermissions(roles('member', [['prj_a', 'read_only'], ['prj_b', 'owner']]))).toEqual({
      createProjects: false,
      manageMembers: true,
      manageOrganization: false,
      viewAudit: false,
    })
  })

  it('gives Read-Write and Read-Only members none of them', () => {
    for (const role of ['read_write', 'read_only'] as const) {
      expect(sessionPermissions(roles('member', [['prj_a', role]]))).toEqual({
        createProjects: false,
        manageMembers: false,
        manageOrganization: false,
        viewAudit: false,
      })
    }
  })
})

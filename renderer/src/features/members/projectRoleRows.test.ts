import { describe, expect, it } from 'vitest'
import type { Member, Project } from '@shared/ipc/contract'
import { assignmentsFromRows, projectRoleRows } from './projectRoleRows'

const project = (id: string, myRole: Project['myRole']): Project => ({ id, name: id.toUpperCase(), myRole, clusterCount: 0, createdAt: 0 })

const member: Member = {
  id: 'm-1',
  displayName: 'Pat',
  email: 'pat@example.com',
  orgRole: 'member',
  projectRoles: [
    { projectId: 'mine', projectName: 'MINE', role: 'read_only' },
    { projectId: 'hidden', projectName: 'HIDDEN', role: 'owner' },
  ],
  status: 'active',
  enrollmentExpiresAt: null,
  createdAt: 0,
  canEdit: true,
  canRemove: false,
  canIssueCode: false,
}

describe('project role rows', () => {
  it('marks only projects the editor owns as editable and fills in current roles', () => {
    const rows = projectRoleRows([project('mine', 'owner'), project('theirs', 'read_write')], member)
    expect(rows).toEqual([
      { projectId: 'mine', projectName: 'MINE', role: 'read_only', editable: true },
      { projectId: 'theirs', projectName: 'THEIRS', role: '', editable: false },
    ])
  })

  it('keeps roles in projects the editor cannot see, and drops rows set to "No role"', () => {
    const rows = projectRoleRows([project('mine', 'owner'), project('other', 'owner')], member)
    rows[0]!.role = ''
    rows[1]!.role = 'read_write'
    expect(assignmentsFromRows(rows, member)).toEqual([
      { projectId: 'hidden', role: 'owner' },
      { projectId: 'other', role: 'read_write' },
    ])
  })
})

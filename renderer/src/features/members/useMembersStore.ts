import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Member } from '@shared/ipc/contract'
import type { OrgRole, ProjectRole } from '@shared/domain'
import { api } from '../../api'

export interface ProjectRoleAssignment {
  projectId: string
  role: ProjectRole
}

export interface NewMember {
  displayName: string
  email: string
  orgRole: OrgRole
  projectRoles: ProjectRoleAssignment[]
}

export const useMembersStore = defineStore('members', () => {
  const members = ref<Member[]>([])
  const loaded = ref(false)

  async function load(): Promise<void> {
    members.value = await api['members.list']({})
    loaded.value = true
  }

  /** Re-reads after a change that already succeeded; a failed re-read must not hide its result. */
  async function reloadAfterChange(): Promise<void> {
    await load().catch(() => undefined)
  }

  async function add(input: NewMember) {
    const result = await api['members.add'](input)
    await reloadAfterChange()
    return result
  }

  async function update(accountId: string, orgRole: OrgRole | undefined, projectRoles: ProjectRoleAssignment[]) {
    const input = orgRole === undefined ? { accountId, projectRoles } : { accountId, orgRole, projectRoles }
    const updated = await api['members.update'](input)
    await reloadAfterChange()
    return updated
  }

  async function remove(accountId: string): Promise<void> {
    await api['members.remove']({ accountId })
    await reloadAfterChange()
  }

  async function reissueEnrollment(accountId: string) {
    const code = await api['members.reissueEnrollment']({ accountId })
    await reloadAfterChange()
    return code
  }

  return { members, loaded, load, add, update, remove, reissueEnrollment }
})

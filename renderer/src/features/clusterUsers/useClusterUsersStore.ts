import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ClusterUser, PasswordChoice, RevealTicket } from '@shared/ipc/contract'
import type { ClusterRole } from '@shared/domain'
import { api } from '../../api'

/** Cluster users of the cluster currently open in the details page. */
export const useClusterUsersStore = defineStore('clusterUsers', () => {
  const clusterId = ref<string | null>(null)
  const users = ref<ClusterUser[]>([])

  async function load(id: string): Promise<void> {
    if (clusterId.value !== id) users.value = []
    clusterId.value = id
    users.value = await api['clusterUsers.list']({ clusterId: id })
  }

  function requireCluster(): string {
    if (!clusterId.value) throw new Error('No cluster is open')
    return clusterId.value
  }

  async function refresh(): Promise<void> {
    await load(requireCluster())
  }

  /**
   * Re-reads the list after a change that already succeeded. A failed re-read must not
   * turn that success into an error: for add/reset it would lose the only reveal ticket.
   */
  async function refreshAfterChange(): Promise<void> {
    await refresh().catch(() => undefined)
  }

  async function add(username: string, role: ClusterRole, password: PasswordChoice): Promise<RevealTicket> {
    const { reveal } = await api['clusterUsers.add']({ clusterId: requireCluster(), username, role, password })
    await refreshAfterChange()
    return reveal
  }

  async function resetPassword(username: string, password: PasswordChoice): Promise<RevealTicket> {
    const { reveal } = await api['clusterUsers.resetPassword']({ clusterId: requireCluster(), username, password })
    await refreshAfterChange()
    return reveal
  }

  async function drop(username: string, confirmUsername: string): Promise<void> {
    await api['clusterUsers.drop']({ clusterId: requireCluster(), username, confirmUsername })
    await refreshAfterChange()
  }

  async function changeRole(username: string, role: ClusterRole): Promise<void> {
    await api['clusterUsers.changeRole']({ clusterId: requireCluster(), username, role })
    await refreshAfterChange()
  }

  async function verifyCredential(username: string, password: string) {
    return api['clusterUsers.verifyCredential']({ clusterId: requireCluster(), username, password })
  }

  return { clusterId, users, load, refresh, add, resetPassword, drop, changeRole, verifyCredential }
})

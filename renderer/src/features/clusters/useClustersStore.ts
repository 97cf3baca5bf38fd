import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Cluster, PasswordChoice, RevealTicket } from '@shared/ipc/contract'
import { api } from '../../api'

export interface NewCluster {
  projectId: string
  name: string
  endpoint: string
  dbAdminPassword: PasswordChoice
}

export const useClustersStore = defineStore('clusters', () => {
  const clusters = ref<Cluster[]>([])
  const current = ref<Cluster | null>(null)

  async function loadForProject(projectId: string): Promise<void> {
    clusters.value = await api['clusters.list']({ projectId })
  }

  async function loadOne(clusterId: string): Promise<Cluster> {
    current.value = await api['clusters.get']({ clusterId })
    return current.value
  }

  async function create(input: NewCluster): Promise<{ cluster: Cluster; reveal: RevealTicket }> {
    const result = await api['clusters.create'](input)
    // The cluster exists and its reveal ticket must reach the dialog even if the re-read fails.
    await loadForProject(input.projectId).catch(() => undefined)
    return result
  }

  return { clusters, current, loadForProject, loadOne, create }
})

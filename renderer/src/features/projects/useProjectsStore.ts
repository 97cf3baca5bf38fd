import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Project } from '@shared/ipc/contract'
import { api } from '../../api'

export const useProjectsStore = defineStore('projects', () => {
  const projects = ref<Project[]>([])
  const loaded = ref(false)

  async function load(): Promise<void> {
    projects.value = await api['projects.list']({})
    loaded.value = true
  }

  async function create(name: string): Promise<Project> {
    const created = await api['projects.create']({ name })
    await load().catch(() => undefined)
    return created
  }

  function byId(projectId: string): Project | undefined {
    return projects.value.find((p) => p.id === projectId)
  }

  return { projects, loaded, load, create, byId }
})

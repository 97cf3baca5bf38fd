/** The signed-in account's preferences that main enforces: auto-lock and clipboard clearing. */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_SETTINGS, type AppSettings } from '@shared/policy/settings'
import { api } from '../../api'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<AppSettings>({ ...DEFAULT_SETTINGS })
  const loaded = ref(false)

  async function load(): Promise<void> {
    settings.value = await api['settings.get']({})
    loaded.value = true
  }

  async function save(changes: Partial<AppSettings>): Promise<void> {
    settings.value = await api['settings.update']({ ...changes })
  }

  return { settings, loaded, load, save }
})

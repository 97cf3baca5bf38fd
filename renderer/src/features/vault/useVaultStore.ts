/**
 * The signed-in account's vault as the renderer sees it: the listed entries (clear metadata
 * only: title, username, cluster, endpoint, tags, state), the search/sort that main
 * applied to them and how many entries need attention. Secrets never live here: a revealed password, notes or history value is
 * fetched by the component that shows it, kept in its local state and dropped when hidden.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Cluster, ConnectSnippetKind, ImportPreview, VaultEntryDetail, VaultEntrySummary } from '@shared/ipc/contract'
import type { VaultEntryState, VaultSortKey } from '@shared/policy/vault'
import { api } from '../../api'

export interface VaultSort {
  by: VaultSortKey
  direction: 'asc' | 'desc'
}

/** A hand-typed entry (add) or its changed fields (edit). */
export interface VaultEntryFields {
  title: string
  clusterId: string | null
  endpoint: string
  username: string
  password: string
  notes: string
  tags: string[]
}

export const DEFAULT_SORT: VaultSort = { by: 'title', direction: 'asc' }

export const useVaultStore = defineStore('vault', () => {
  const entries = ref<VaultEntrySummary[]>([])
  /** Entries in the vault, whatever the search. */
  const total = ref(0)
  /** Outdated and orphaned entries in the whole vault, whatever the search. */
  const attention = ref({ outdated: 0, orphaned: 0 })
  const query = ref('')
  const sort = ref<VaultSort>({ ...DEFAULT_SORT })
  const stateFilter = ref<VaultEntryState | null>(null)
  const loaded = ref(false)
  /** The entry last opened from the list, so coming back keeps the keyboard where it was. */
  const lastOpenedId = ref<string | null>(null)
  /** Only the newest list request may land: typing is faster than a 10,000-entry search. */
  let latestRequest = 0

  const isFiltered = computed(() => query.value.trim() !== '' || stateFilter.value !== null)

  async function load(): Promise<void> {
    const request = ++latestRequest
    const trimmed = query.value.trim()
    const result = await api['vault.list']({
      ...(trimmed ? { query: trimmed } : {}),
      sort: { ...sort.value },
      ...(stateFilter.value ? { state: stateFilter.value } : {}),
    })
    if (request !== latestRequest) return
    entries.value = result.entries
    total.value = result.total
    attention.value = result.attention
    loaded.value = true
  }

  async function search(text: string): Promise<void> {
    query.value = text
    await load()
  }

  async function sortBy(next: VaultSort): Promise<void> {
    sort.value = { ...next }
    await load()
  }

  async function filterState(state: VaultEntryState | null): Promise<void> {
    stateFilter.value = state
    await load()
  }

  /** Re-reads the list after a change that already succeeded; a failed re-read must not undo that success. */
  async function reloadAfterChange(): Promise<void> {
    await load().catch(() => undefined)
  }

  /** The workspace's clusters the person can see, for the entry form's cluster choice. */
  async function clusterChoices(): Promise<Cluster[]> {
    return api['clusters.list']({})
  }

  async function get(entryId: string): Promise<VaultEntryDetail> {
    return api['vault.get']({ entryId })
  }

  async function add(fields: VaultEntryFields): Promise<VaultEntryDetail> {
    const entry = await api['vault.add']({ ...fields })
    await reloadAfterChange()
    return entry
  }

  async function update(entryId: string, changes: Partial<VaultEntryFields>): Promise<VaultEntryDetail> {
    const entry = await api['vault.update']({ entryId, ...changes })
    await reloadAfterChange()
    return entry
  }

  async function remove(entryId: string): Promise<void> {
    await api['vault.remove']({ entryId })
    await reloadAfterChange()
  }

  /** Keeps the password of an open show-once ticket: main copies it, nothing travels back from here. */
  async function keepFromReveal(ticketId: string): Promise<VaultEntryDetail> {
    const entry = await api['vault.keepFromReveal']({ ticketId })
    await reloadAfterChange()
    return entry
  }

  async function revealPassword(entryId: string, historyIndex?: number) {
    return api['vault.revealPassword']({ entryId, ...(historyIndex ? { historyIndex } : {}) })
  }

  async function copyPassword(entryId: string, historyIndex?: number): Promise<number> {
    const { clearsAt } = await api['vault.copyPassword']({ entryId, ...(historyIndex ? { historyIndex } : {}) })
    return clearsAt
  }

  async function revealNotes(entryId: string): Promise<string> {
    return (await api['vault.revealNotes']({ entryId })).notes
  }

  async function connectSnippets(entryId: string) {
    return api['vault.connectSnippets']({ entryId })
  }

  async function copySnippet(entryId: string, kind: ConnectSnippetKind): Promise<number> {
    return (await api['vault.copySnippet']({ entryId, kind })).clearsAt
  }

  async function exportBackup(passphrase: string) {
    return api['vault.exportBackup']({ passphrase })
  }

  async function previewImport(fileBase64: string, passphrase: string): Promise<ImportPreview> {
    return api['vault.previewImport']({ fileBase64, passphrase })
  }

  async function applyImport(importId: string) {
    const counts = await api['vault.applyImport']({ importId })
    await reloadAfterChange()
    return counts
  }

  async function cancelImport(importId: string): Promise<void> {
    await api['vault.cancelImport']({ importId })
  }

  return {
    entries,
    total,
    attention,
    query,
    sort,
    stateFilter,
    loaded,
    lastOpenedId,
    isFiltered,
    load,
    search,
    sortBy,
    filterState,
    clusterChoices,
    get,
    add,
    update,
    remove,
    keepFromReveal,
    revealPassword,
    copyPassword,
    revealNotes,
    connectSnippets,
    copySnippet,
    exportBackup,
    previewImport,
    applyImport,
    cancelImport,
  }
})

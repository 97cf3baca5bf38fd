import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AuditFilter, AuditRow, AuditVerification } from '@shared/ipc/contract'
import { api } from '../../api'

export const AUDIT_PAGE_SIZE = 50

export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditRow[]>([])
  const hasMore = ref(false)
  const filter = ref<AuditFilter>({})

  async function load(nextFilter: AuditFilter = filter.value): Promise<void> {
    filter.value = { ...nextFilter }
    const page = await api['audit.list']({ filter: filter.value, limit: AUDIT_PAGE_SIZE })
    rows.value = page.rows
    hasMore.value = page.hasMore
  }

  async function loadMore(): Promise<void> {
    const last = rows.value[rows.value.length - 1]
    if (!last) return load()
    const page = await api['audit.list']({ filter: filter.value, limit: AUDIT_PAGE_SIZE, beforeId: last.id })
    rows.value = [...rows.value, ...page.rows]
    hasMore.value = page.hasMore
  }

  async function exportCsv(): Promise<string> {
    const { csv } = await api['audit.exportCsv']({ filter: filter.value })
    return csv
  }

  /** Main checks the chain, its keyed head and, when given, a receipt written down earlier. */
  async function verifyChain(receipt?: string): Promise<AuditVerification> {
    return api['audit.verify'](receipt === undefined ? {} : { receipt })
  }

  return { rows, hasMore, filter, load, loadMore, exportCsv, verifyChain }
})

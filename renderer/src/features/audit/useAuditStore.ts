import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AuditFilter, AuditRow } from '@shared/ipc/contract'
import { api } from '../../api'

export const AUDIT_PAGE_SIZE = 50

export type ChainCheck = { ok: true; checkedRows: number } | { ok: false; checkedRows: number; firstBrokenRowId: number | null }

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

  async function verifyChain(): Promise<ChainCheck> {
    const result = await api['audit.verify']({})
    return result.ok
      ? { ok: true, checkedRows: result.checkedRows }
      : { ok: false, checkedRows: result.checkedRows, firstBrokenRowId: result.firstBrokenRowId }
  }

  return { rows, hasMore, filter, load, loadMore, exportCsv, verifyChain }
})

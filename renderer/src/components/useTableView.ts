/**
 * Search, sort and paging of a list held in the renderer (lists are bounded: at most 100 cluster
 * users), so the view is computed here instead of asking main again.
 *   const view = useTableView(() => store.users, {
 *     matches: (user, query) => user.username.toLowerCase().includes(query),
 *     sortKeys: { username: (u) => u.username, created: (u) => u.createdAt },
 *     initialSort: { key: 'username', direction: 'ascending' },
 *     pageSize: 25,
 *   })
 *   view.rows.value (this page), view.query, view.toggleSort('created'), view.ariaSort('created'),
 *   view.page / view.pageCount / view.next() / view.previous(), view.range.value ("1–25 of 100")
 * A new search or sort goes back to the first page; a page past the end (rows removed) clamps.
 */
import { computed, ref, watch, type Ref } from 'vue'

export type SortDirection = 'ascending' | 'descending'
type SortValue = string | number | null

export interface TableViewOptions<Row, Key extends string> {
  /** `query` is trimmed and lower-cased; an empty query matches every row. */
  matches: (row: Row, query: string) => boolean
  sortKeys: Record<Key, (row: Row) => SortValue>
  initialSort: { key: NoInfer<Key>; direction: SortDirection }
  pageSize: number
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function compare(a: SortValue, b: SortValue): number {
  // Missing values (e.g. "Never" reset) sort after present ones in ascending order.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return collator.compare(String(a), String(b))
}

export function useTableView<Row, Key extends string>(source: () => readonly Row[], options: TableViewOptions<Row, Key>) {
  const query = ref('')
  const sort = ref({ ...options.initialSort }) as Ref<{ key: Key; direction: SortDirection }>
  const page = ref(1)

  const filtered = computed(() => {
    const needle = query.value.trim().toLowerCase()
    const rows = source()
    return needle === '' ? [...rows] : rows.filter((row) => options.matches(row, needle))
  })

  const sorted = computed(() => {
    const valueOf = options.sortKeys[sort.value.key]
    const sign = sort.value.direction === 'ascending' ? 1 : -1
    return [...filtered.value].sort((a, b) => sign * compare(valueOf(a), valueOf(b)))
  })

  const pageCount = computed(() => Math.max(1, Math.ceil(sorted.value.length / options.pageSize)))
  const currentPage = computed(() => Math.min(page.value, pageCount.value))
  const rows = computed(() => {
    const start = (currentPage.value - 1) * options.pageSize
    return sorted.value.slice(start, start + options.pageSize)
  })
  const range = computed(() => {
    const total = sorted.value.length
    if (total === 0) return '0 of 0'
    const start = (currentPage.value - 1) * options.pageSize + 1
    return `${start}–${start + rows.value.length - 1} of ${total}`
  })

  watch(query, () => (page.value = 1), { flush: 'sync' })

  function toggleSort(key: Key): void {
    sort.value =
      sort.value.key === key
        ? { key, direction: sort.value.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: 'ascending' }
    page.value = 1
  }

  function ariaSort(key: Key): SortDirection | 'none' {
    return sort.value.key === key ? sort.value.direction : 'none'
  }

  return {
    query,
    sort,
    rows,
    total: computed(() => sorted.value.length),
    page: currentPage,
    pageCount,
    range,
    toggleSort,
    ariaSort,
    next: () => (page.value = Math.min(currentPage.value + 1, pageCount.value)),
    previous: () => (page.value = Math.max(currentPage.value - 1, 1)),
  }
}

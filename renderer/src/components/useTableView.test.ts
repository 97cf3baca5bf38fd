import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { useTableView } from './useTableView'

interface Row {
  name: string
  at: number | null
}

const rows = ref<Row[]>(
  Array.from({ length: 100 }, (_, index) => ({ name: `user_${index + 1}`, at: index % 10 === 0 ? null : 1000 - index })),
)

function view() {
  return useTableView(() => rows.value, {
    matches: (row, query) => row.name.includes(query),
    sortKeys: { name: (row) => row.name, at: (row) => row.at },
    initialSort: { key: 'name', direction: 'ascending' },
    pageSize: 25,
  })
}

describe('useTableView', () => {
  it('pages 100 rows by 25, sorted by name with numbers in order', () => {
    const table = view()
    expect(table.pageCount.value).toBe(4)
    expect(table.rows.value.map((r) => r.name).slice(0, 3)).toEqual(['user_1', 'user_2', 'user_3'])
    expect(table.range.value).toBe('1–25 of 100')
    table.next()
    table.next()
    table.next()
    table.next()
    expect(table.page.value).toBe(4)
    expect(table.range.value).toBe('76–100 of 100')
    expect(table.rows.value.at(-1)?.name).toBe('user_100')
  })

  it('searches case-insensitively and goes back to page 1', async () => {
    const table = view()
    table.next()
    table.query.value = '  USER_9 '
    await nextTick()
    expect(table.page.value).toBe(1)
    expect(table.rows.value.map((r) => r.name)).toEqual([
      'user_9',
      'user_90',
      'user_91',
      'user_92',
      'user_93',
      'user_94',
      'user_95',
      'user_96',
      'user_97',
      'user_98',
      'user_99',
    ])
    table.query.value = 'nobody'
    expect(table.range.value).toBe('0 of 0')
  })

  it('toggles the direction of a column and puts missing values last when ascending', () => {
    const table = view()
    table.toggleSort('at')
    expect(table.ariaSort('at')).toBe('ascending')
    expect(table.ariaSort('name')).toBe('none')
    table.next()
    table.next()
    table.next()
    expect(table.rows.value.at(-1)?.at).toBeNull()
    table.toggleSort('at')
    expect(table.ariaSort('at')).toBe('descending')
    expect(table.rows.value[0]?.at).toBeNull()
  })

  it('re-sorts the page on view when the sort changes', () => {
    const table = view()
    expect(table.rows.value[0]?.name).toBe('user_1')
    table.toggleSort('at')
    expect(table.rows.value[0]?.name).toBe('user_100')
  })

  it('clamps the page when rows go away', () => {
    const table = view()
    table.next()
    table.next()
    table.next()
    rows.value = rows.value.slice(0, 30)
    expect(table.page.value).toBe(2)
    expect(table.range.value).toBe('26–30 of 30')
  })
})

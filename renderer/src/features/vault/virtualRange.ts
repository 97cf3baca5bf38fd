/**
 * Which rows of a fixed-row-height list must exist in the DOM for the current scroll
 * position. Rendering only these (plus a few above and below, so fast scrolling never
 * shows a gap) keeps a 10,000-entry vault as cheap to draw as a 30-entry one.
 */
export interface RowRange {
  /** First rendered index (inclusive). */
  start: number
  /** Last rendered index + 1 (exclusive). */
  end: number
}

export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  const top = Math.max(0, scrollTop)
  const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight))
  const visibleCount = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1
  const start = Math.max(0, firstVisible - overscan)
  const end = Math.min(count, firstVisible + visibleCount + overscan)
  return { start, end }
}

/**
 * The scroll position that brings row `index` fully into view, or null if it already is:
 * the smallest move, so arrowing through the list scrolls one row at a time.
 */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const rowTop = index * rowHeight
  const rowBottom = rowTop + rowHeight
  if (rowTop < scrollTop) return rowTop
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight)
  return null
}

/** The index a navigation key moves the active row to, or null for keys the list does not handle. */
export function nextIndex(key: string, current: number, count: number, pageRows: number): number | null {
  if (count === 0) return null
  const last = count - 1
  const from = current < 0 ? -1 : current
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, from + 1)
    case 'ArrowUp':
      return from < 0 ? 0 : Math.max(0, from - 1)
    case 'Home':
      return 0
    case 'End':
      return last
    case 'PageDown':
      return Math.min(last, Math.max(0, from) + Math.max(1, pageRows))
    case 'PageUp':
      return Math.max(0, Math.max(0, from) - Math.max(1, pageRows))
    default:
      return null
  }
}

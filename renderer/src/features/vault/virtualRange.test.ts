import { describe, expect, it } from 'vitest'
import { nextIndex, scrollToReveal, visibleRange } from './virtualRange'

describe('visibleRange', () => {
  it('renders a screenful plus the overscan, never past either end', () => {
    expect(visibleRange(0, 400, 50, 10_000, 5)).toEqual({ start: 0, end: 14 })
    expect(visibleRange(5_000, 400, 50, 10_000, 5)).toEqual({ start: 95, end: 114 })
    expect(visibleRange(10_000 * 50, 400, 50, 10_000, 5)).toEqual({ start: 9_994, end: 10_000 })
  })

  it('stays small whatever the length of the list', () => {
    const { start, end } = visibleRange(123_456, 600, 56, 10_000)
    expect(end - start).toBeLessThanOrEqual(Math.ceil(600 / 56) + 1 + 12)
  })

  it('handles an empty list, a negative (elastic) scroll and an unmeasured viewport', () => {
    expect(visibleRange(0, 400, 50, 0)).toEqual({ start: 0, end: 0 })
    expect(visibleRange(-40, 400, 50, 3)).toEqual({ start: 0, end: 3 })
    expect(visibleRange(0, 0, 50, 100, 0)).toEqual({ start: 0, end: 2 })
  })
})

describe('scrollToReveal', () => {
  it('moves as little as possible, and not at all when the row is in view', () => {
    expect(scrollToReveal(3, 0, 400, 50)).toBeNull()
    expect(scrollToReveal(8, 0, 400, 50)).toBe(50)
    expect(scrollToReveal(2, 500, 400, 50)).toBe(100)
  })
})

describe('nextIndex', () => {
  it('moves by row, by page and to either end, clamped', () => {
    expect(nextIndex('ArrowDown', -1, 10, 5)).toBe(0)
    expect(nextIndex('ArrowDown', 9, 10, 5)).toBe(9)
    expect(nextIndex('ArrowUp', 0, 10, 5)).toBe(0)
    expect(nextIndex('ArrowUp', -1, 10, 5)).toBe(0)
    expect(nextIndex('PageDown', 2, 10, 5)).toBe(7)
    expect(nextIndex('PageDown', 8, 10, 5)).toBe(9)
    expect(nextIndex('PageUp', 3, 10, 5)).toBe(0)
    expect(nextIndex('Home', 6, 10, 5)).toBe(0)
    expect(nextIndex('End', 0, 10, 5)).toBe(9)
  })

  it('ignores other keys and empty lists', () => {
    expect(nextIndex('a', 0, 10, 5)).toBeNull()
    expect(nextIndex('ArrowDown', -1, 0, 5)).toBeNull()
  })
})

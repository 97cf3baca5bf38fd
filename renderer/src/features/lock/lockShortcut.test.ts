import { describe, expect, it, vi } from 'vitest'
import { isLockShortcut, watchActivity } from './lockShortcut'

const key = (init: Partial<KeyboardEvent>) => ({ key: 'l', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...init })

describe('lock shortcut', () => {
  it('is Ctrl+L or Cmd+L and nothing else', () => {
    expect(isLockShortcut(key({ ctrlKey: true }))).toBe(true)
    expect(isLockShortcut(key({ metaKey: true, key: 'L' }))).toBe(true)
    expect(isLockShortcut(key({}))).toBe(false)
    expect(isLockShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false)
    expect(isLockShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false)
    expect(isLockShortcut(key({ ctrlKey: true, key: 'k' }))).toBe(false)
  })
})

describe('watchActivity', () => {
  it('reports the first input at once, then at most once per interval, until stopped', () => {
    let now = 1_000
    const report = vi.fn()
    const target = new EventTarget() as unknown as Window
    const stop = watchActivity(report, target, 15_000, () => now)
    target.dispatchEvent(new Event('keydown'))
    target.dispatchEvent(new Event('pointerdown'))
    expect(report).toHaveBeenCalledTimes(1)
    now += 14_999
    target.dispatchEvent(new Event('wheel'))
    expect(report).toHaveBeenCalledTimes(1)
    now += 1
    target.dispatchEvent(new Event('keydown'))
    expect(report).toHaveBeenCalledTimes(2)
    stop()
    now += 60_000
    target.dispatchEvent(new Event('keydown'))
    expect(report).toHaveBeenCalledTimes(2)
  })
})

import { describe, expect, it } from 'vitest'
import { decideOnLock, focusExistingWindow, SECOND_INSTANCE_MESSAGE, type FocusableWindow } from './singleInstance'

function fakeWindow(state: { minimized?: boolean; destroyed?: boolean } = {}): FocusableWindow & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimized ?? false,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  }
}

describe('single instance', () => {
  it('the first instance proceeds', () => {
    expect(decideOnLock(true)).toEqual({ proceed: true })
  })

  it('a second instance exits cleanly with a clear message', () => {
    expect(decideOnLock(false)).toEqual({ proceed: false, exitCode: 0, message: SECOND_INSTANCE_MESSAGE })
    expect(SECOND_INSTANCE_MESSAGE).toMatch(/already running/)
  })

  it('the first instance restores a minimized window and focuses it', () => {
    const window = fakeWindow({ minimized: true })
    expect(focusExistingWindow(window)).toBe(true)
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
  })

  it('does nothing without a live window', () => {
    expect(focusExistingWindow(null)).toBe(false)
    const closed = fakeWindow({ destroyed: true })
    expect(focusExistingWindow(closed)).toBe(false)
    expect(closed.calls).toEqual([])
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { formatWait, useCountdown } from './useCountdown'

describe('formatWait', () => {
  it('rounds up to whole seconds and reads naturally', () => {
    expect(formatWait(1)).toBe('1 second')
    expect(formatWait(1_001)).toBe('2 seconds')
    expect(formatWait(59_000)).toBe('59 seconds')
    expect(formatWait(60_000)).toBe('1 minute')
    expect(formatWait(61_000)).toBe('1 minute 1 second')
    expect(formatWait(125_000)).toBe('2 minutes 5 seconds')
  })
})

describe('useCountdown', () => {
  afterEach(() => vi.useRealTimers())

  it('counts down to zero and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const scope = effectScope()
    const wait = scope.run(() => useCountdown())!
    wait.start(3_000)
    expect(wait.active.value).toBe(true)
    expect(wait.remainingMs.value).toBe(3_000)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(wait.remainingMs.value).toBe(2_000)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(wait.active.value).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    scope.stop()
  })

  it('stops its timer when its owner goes away', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const scope = effectScope()
    const wait = scope.run(() => useCountdown())!
    wait.start(60_000)
    expect(vi.getTimerCount()).toBe(1)
    scope.stop()
    expect(vi.getTimerCount()).toBe(0)
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useCountdown } from './useCountdown'

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

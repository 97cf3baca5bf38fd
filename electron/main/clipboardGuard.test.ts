import { describe, expect, it } from 'vitest'
import { createGuardedClipboard, createRecordingClipboard, type ClipboardTimers } from './clipboardGuard'

function manualTimers(): ClipboardTimers & { fire(): Promise<void>; pending(): number } {
  const queue = new Map<number, () => void>()
  let next = 1
  return {
    setTimeout: (callback) => {
      queue.set(next, callback)
      return next++
    },
    clearTimeout: (handle) => void queue.delete(handle as number),
    fire: async () => {
      const callbacks = [...queue.values()]
      queue.clear()
      for (const callback of callbacks) callback()
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
    pending: () => queue.size,
  }
}

describe('guarded clipboard', () => {
  it('clears the copied secret after the delay', async () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, { timers })
    clipboard.copySecretToClipboard('s3cret-Pass!', 10_000)
    await Promise.resolve()
    expect(backend.readText()).toBe('s3cret-Pass!')
    await timers.fire()
    expect(backend.readText()).toBe('')
  })

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, { timers })
    clipboard.copySecretToClipboard('s3cret-Pass!', 10_000)
    await Promise.resolve()
    backend.writeText('an address the person copied')
    await timers.fire()
    expect(backend.readText()).toBe('an address the person copied')
  })

  it('a second copy replaces the pending clear instead of stacking timers', async () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, { timers })
    clipboard.copySecretToClipboard('first-Secret1', 10_000)
    clipboard.copySecretToClipboard('second-Secret2', 10_000)
    expect(timers.pending()).toBe(1)
    await timers.fire()
    expect(backend.readText()).toBe('')
    expect(backend.writes).toEqual(['first-Secret1', 'second-Secret2'])
  })

  it('clearIfUnchanged clears immediately (quit, screen lock) and cancels the timer', async () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, { timers })
    clipboard.copySecretToClipboard('s3cret-Pass!', 10_000)
    await clipboard.clearIfUnchanged()
    expect(backend.readText()).toBe('')
    expect(timers.pending()).toBe(0)
    await clipboard.clearIfUnchanged()
  })
})

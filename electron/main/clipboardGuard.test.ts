import { describe, expect, it } from 'vitest'
import { createGuardedClipboard, createRecordingClipboard, type ClipboardTimers } from './clipboardGuard'

function manualTimers(): ClipboardTimers & { fire(): void; pending(): number } {
  const queue = new Map<number, () => void>()
  let next = 1
  return {
    setTimeout: (callback) => {
      queue.set(next, callback)
      return next++
    },
    clearTimeout: (handle) => void queue.delete(handle as number),
    fire: () => {
      const callbacks = [...queue.values()]
      queue.clear()
      for (const callback of callbacks) callback()
    },
    pending: () => queue.size,
  }
}

describe('guarded clipboard', () => {
  it('clears the copied secret after the delay', () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, timers)
    clipboard.copySecretToClipboard('s3cret-Pass!', 10_000)
    expect(backend.readText()).toBe('s3cret-Pass!')
    timers.fire()
    expect(backend.readText()).toBe('')
  })

  it('leaves the clipboard alone when the person copied something else since', () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, timers)
    clipboard.copySecretToClipboard('s3cret-Pass!', 10_000)
    backend.writeText('an address the person copied')
    timers.fire()
    expect(backend.readText()).toBe('an address the person copied')
  })

  it('a second copy replaces the pending clear instead of stacking timers', () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, timers)
    clipboard.copySecretToClipboard('first-Secret1', 10_000)
    clipboard.copySecretToClipboard('second-Secret2', 10_000)
    expect(timers.pending()).toBe(1)
    timers.fire()
    expect(backend.readText()).toBe('')
    expect(backend.writes).toEqual(['first-Secret1', 'second-Secret2'])
  })

  it('clearIfUnchanged clears immediately (quit, screen lock) and cancels the timer', () => {
    const backend = createRecordingClipboard()
    const timers = manualTimers()
    const clipboard = createGuardedClipboard(backend, timers)
    clipboard.copySecretToClipboard('s3cret-Pass!', 10_000)
    clipboard.clearIfUnchanged()
    expect(backend.readText()).toBe('')
    expect(timers.pending()).toBe(0)
    clipboard.clearIfUnchanged()
  })
})

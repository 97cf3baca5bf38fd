/**
 * Copy a secret, then clear the clipboard after a delay, but only if it still holds what
 * we copied (KeePassXC's rule: never wipe something the person copied since). Only a
 * SHA-256 digest of the secret is kept while waiting, never the text itself.
 * Electron-free: main plugs in Electron's clipboard, the test bridge an in-memory one.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { PlatformPorts } from './ipc/types'

/** Electron's clipboard is asynchronous (W3C-style); the in-memory one is not. */
export interface ClipboardBackend {
  readText(): string | Promise<string>
  writeText(text: string): void | Promise<void>
  clear(): void
}

export interface ClipboardTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface GuardedClipboard {
  copySecretToClipboard: PlatformPorts['copySecretToClipboard']
  /** Clears now if the clipboard still holds the last secret (quit, sign-out, screen lock). */
  clearIfUnchanged(): Promise<void>
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

const realTimers: ClipboardTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    // A pending clear must not keep the process alive on its own; quit clears explicitly.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export function createGuardedClipboard(
  backend: ClipboardBackend,
  options: { timers?: ClipboardTimers; onError?: (operation: 'write' | 'clear', error: unknown) => void } = {},
): GuardedClipboard {
  const timers = options.timers ?? realTimers
  const onError = options.onError ?? (() => undefined)
  let pending: { digest: Buffer; timer: unknown } | null = null
  // Reads for the clear wait for the last write, so a clear never races its own copy.
  let lastWrite: Promise<void> = Promise.resolve()

  async function clearIfUnchanged(): Promise<void> {
    if (!pending) return
    const expected = pending.digest
    timers.clearTimeout(pending.timer)
    pending = null
    try {
      await lastWrite
      const current = digest(await backend.readText())
      if (timingSafeEqual(current, expected)) backend.clear()
    } catch (error) {
      onError('clear', error)
    }
  }

  return {
    copySecretToClipboard(text, clearAfterMs) {
      if (pending) timers.clearTimeout(pending.timer)
      lastWrite = Promise.resolve()
        .then(() => backend.writeText(text))
        .catch((error: unknown) => onError('write', error))
      pending = { digest: digest(text), timer: timers.setTimeout(() => void clearIfUnchanged(), clearAfterMs) }
    },
    clearIfUnchanged,
  }
}

/** An in-memory clipboard that records every write; the bridge and unit tests use it. */
export interface RecordingClipboard extends ClipboardBackend {
  readonly writes: string[]
}

export function createRecordingClipboard(): RecordingClipboard {
  let content = ''
  const writes: string[] = []
  return {
    writes,
    readText: () => content,
    writeText: (text) => {
      content = text
      writes.push(text)
    },
    clear: () => {
      content = ''
    },
  }
}

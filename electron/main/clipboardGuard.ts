/**
 * Copy a secret, then clear the clipboard after a delay, but only if it still holds what
 * we copied (KeePassXC's rule: never wipe something the person copied since). Only a
 * SHA-256 digest of the secret is kept while waiting, never the text itself.
 * Electron-free: main plugs in Electron's clipboard, the test bridge an in-memory one.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { PlatformPorts } from './ipc/types'

export interface ClipboardBackend {
  readText(): string
  writeText(text: string): void
  clear(): void
}

export interface ClipboardTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface GuardedClipboard {
  copySecretToClipboard: PlatformPorts['copySecretToClipboard']
  /** Clears now if the clipboard still holds the last secret (used on quit and sign-out). */
  clearIfUnchanged(): void
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

export function createGuardedClipboard(backend: ClipboardBackend, timers: ClipboardTimers = realTimers): GuardedClipboard {
  let pending: { digest: Buffer; timer: unknown } | null = null

  function clearIfUnchanged(): void {
    if (!pending) return
    const expected = pending.digest
    timers.clearTimeout(pending.timer)
    pending = null
    const current = digest(backend.readText())
    if (timingSafeEqual(current, expected)) backend.clear()
  }

  return {
    copySecretToClipboard(text, clearAfterMs) {
      if (pending) timers.clearTimeout(pending.timer)
      backend.writeText(text)
      pending = { digest: digest(text), timer: timers.setTimeout(clearIfUnchanged, clearAfterMs) }
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

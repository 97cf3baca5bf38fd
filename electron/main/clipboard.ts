/** Electron's system clipboard behind the clear-only-if-unchanged guard. */
import { clipboard } from 'electron'
import type { Logger } from '../core/log'
import { createGuardedClipboard, type GuardedClipboard } from './clipboardGuard'

export function createSystemClipboard(logger: Logger): GuardedClipboard {
  return createGuardedClipboard(
    {
      readText: () => clipboard.readText(),
      writeText: (text) => clipboard.writeText(text),
      clear: () => clipboard.clear(),
    },
    {
      onError: (operation, error) =>
        logger.warn('clipboard.failed', { operation, error: error instanceof Error ? error.name : typeof error }),
    },
  )
}

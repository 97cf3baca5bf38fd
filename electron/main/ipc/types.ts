/**
 * Types of main's handler table. This folder must stay free of `electron` imports: the
 * Chromium test bridge loads the very same table and dispatcher in plain Node, and only
 * the transport (ipcMain vs. a Playwright binding) differs.
 */
import type { z } from 'zod'
import type { Channel, Contract, ChannelOutput } from '@shared/ipc/contract'
import type { Core } from '../../core/core'
import type { Actor } from '../../core/session'

/** Platform services main provides to handlers; Electron and the bridge each supply one. */
export interface PlatformPorts {
  /** Writes a secret to the clipboard and clears it after `clearAfterMs` if it still holds it. */
  copySecretToClipboard(text: string, clearAfterMs: number): void
}

export interface HandlerContext {
  core: Core
  ports: PlatformPorts
  /** The signed-in account; present for every channel whose contract says `auth: 'session'`. */
  actor: Actor | null
}

export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  context: HandlerContext & (Contract[C]['auth'] extends 'session' ? { actor: Actor } : unknown),
) => ChannelOutput<C> | Promise<ChannelOutput<C>>

export type HandlerTable = { [C in Channel]: Handler<C> }

/** Who sent an IPC message: Electron's `event.senderFrame`, or the bridge's page frame. */
export interface SenderInfo {
  url: string
  isMainFrame: boolean
}

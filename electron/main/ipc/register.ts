/**
 * Binds every contract channel to ipcMain. Electron-free (the folder must be, see
 * types.ts): it takes the ipcMain-shaped object as a parameter. The sender frame is read
 * from the event and passed to the dispatcher, which refuses anything but the app's
 * main frame before looking at the payload.
 */
import { CHANNELS, IPC_PREFIX } from '@shared/ipc/channels'
import type { Dispatch } from './dispatch'
import type { SenderInfo } from './types'

/** What register needs from Electron's IpcMainInvokeEvent. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => unknown): void
}

export function senderOf(event: InvokeEventLike): SenderInfo {
  const frame = event.senderFrame
  // A frame that navigated away or was destroyed has no senderFrame: treat as foreign.
  if (!frame) return { url: '', isMainFrame: false }
  // A top-level frame has no parent. This does not rely on WebFrameMain wrappers being
  // the same JS object across calls; the origin check in the dispatcher does the rest.
  return { url: frame.url, isMainFrame: frame.parent === null }
}

export function registerIpcHandlers(ipcMain: IpcMainLike, dispatch: Dispatch): string[] {
  const registered: string[] = []
  for (const channel of CHANNELS) {
    const name = IPC_PREFIX + channel
    ipcMain.handle(name, (event, payload) => dispatch(channel, payload, senderOf(event)))
    registered.push(name)
  }
  return registered
}

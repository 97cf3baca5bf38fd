/**
 * Init script of the Chromium bridge (bundled to out/bridge/install-api.js): installs
 * `window.api` exactly as the Electron preload does, from the same generated client,
 * with a transport over the Playwright binding `__ccInvoke` instead of ipcRenderer.
 * Like Electron's preload it only runs in the top frame.
 */
import type { IpcResponse } from '../../../shared/errors'
import { createPreloadApi } from '../../../shared/ipc/client'

type Invoke = (channel: string, input: unknown) => Promise<IpcResponse<unknown>>

// Typed without the DOM lib (this file is type-checked with the Node config): in a page,
// globalThis is the window.
const page = globalThis as unknown as { top: unknown; __ccInvoke?: Invoke }

if (page.top === globalThis) {
  const api = createPreloadApi((channel, input) => {
    const invoke = page.__ccInvoke
    if (!invoke) return Promise.reject(new Error('The bridge binding is not installed.'))
    return invoke(channel, input)
  })
  Object.defineProperty(globalThis, 'api', { value: api, enumerable: true, writable: false, configurable: false })
}

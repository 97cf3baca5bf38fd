/**
 * Init script of the Chromium bridge (bundled to out/bridge/install-api.js): installs
 * `window.api` exactly as the Electron preload does, from the same generated client,
 * with a transport over the Playwright binding `__ccInvoke` instead of ipcRenderer.
 * Like Electron's preload it only runs in the top frame.
 */
import type { IpcResponse } from '../../../shared/errors'
import { createPreloadApi } from '../../../shared/ipc/client'

type Invoke = (channel: string, input: unknown) => Promise<IpcResponse<unknown>>

if (window === window.top) {
  const api = createPreloadApi((channel, input) => {
    const invoke = (window as unknown as { __ccInvoke?: Invoke }).__ccInvoke
    if (!invoke) return Promise.reject(new Error('The bridge binding is not installed.'))
    return invoke(channel, input)
  })
  Object.defineProperty(window, 'api', { value: api, enumerable: true, writable: false, configurable: false })
}

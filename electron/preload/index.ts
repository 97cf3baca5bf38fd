/**
 * The sandboxed preload: exposes `window.api`, one named function per contract channel,
 * each a call to the matching prefixed ipcMain handler. The page never sees ipcRenderer.
 * Built as CommonJS (electron.vite.config.ts) because sandboxed preloads cannot be ES
 * modules; everything except 'electron' is bundled in.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { IpcResponse } from '@shared/errors'
import { createPreloadApi } from '@shared/ipc/client'
import { IPC_PREFIX } from '@shared/ipc/channels'

contextBridge.exposeInMainWorld(
  'api',
  createPreloadApi((channel, input) => ipcRenderer.invoke(IPC_PREFIX + channel, input) as Promise<IpcResponse<unknown>>),
)

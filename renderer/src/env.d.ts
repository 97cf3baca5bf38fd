/// <reference types="vite/client" />
import type { PreloadApi } from '@shared/ipc/client'

declare global {
  interface Window {
    /** Exposed by the preload (or the Chromium test bridge): one function per contract channel. */
    readonly api: PreloadApi
  }
}

export {}

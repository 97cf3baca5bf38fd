/**
 * The renderer's only door to main. Everything else imports `api` from here and never touches
 * `window.api`, so tests can replace the preload object and nothing else.
 */
import type { IpcResponse } from '@shared/errors'
import { createApiClient, type PreloadApi } from '@shared/ipc/client'
import { CHANNELS } from '@shared/ipc/channels'

type Listener = () => void
const unauthenticatedListeners = new Set<Listener>()

/**
 * Called whenever main answers UNAUTHENTICATED or VAULT_LOCKED: its session is gone or locked (signed out elsewhere, app
 * restarted), so the renderer's picture of being signed in is stale. Returns an unsubscribe.
 */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

function watchForEndedSession(preload: PreloadApi): PreloadApi {
  // A new object rather than a Proxy: the preload's object is frozen, and a Proxy may not
  // return anything but the original value for a frozen property.
  const watched: Record<string, (input: unknown) => Promise<IpcResponse<unknown>>> = {}
  for (const channel of CHANNELS) {
    const call = preload[channel] as (input: unknown) => Promise<IpcResponse<unknown>>
    watched[channel] = async (input) => {
      const response = await call(input)
      // A locked session is as over as an ended one for the renderer: unlocking is signing in again.
      if (!response.ok && (response.error.code === 'UNAUTHENTICATED' || response.error.code === 'VAULT_LOCKED')) {
        for (const listener of unauthenticatedListeners) listener()
      }
      return response
    }
  }
  return Object.freeze(watched) as unknown as PreloadApi
}

export const api = createApiClient(watchForEndedSession(window.api))

export { isApiError } from '@shared/ipc/client'

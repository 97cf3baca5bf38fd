/**
 * Both ends of the renderer's API, derived from the contract.
 *
 * - {@link createPreloadApi} builds `window.api`: one named function per channel that
 *   returns the wire envelope. The Electron preload builds it over ipcRenderer.invoke and
 *   the Chromium test bridge over a Playwright binding; only the transport differs.
 *   It returns envelopes rather than throwing because contextBridge strips every field
 *   but `message` from errors that cross it.
 * - {@link createApiClient} wraps `window.api` in the renderer into functions that
 *   return the value or throw an {@link ApiError} with its stable code.
 */
import type { AppErrorPayload, ErrorCode, IpcResponse } from '../errors'
import { CHANNELS, type Channel } from './channels'
import type { ChannelInput, ChannelOutput } from './contract'

/** The type of `window.api`, exactly what the preload exposes. */
export type PreloadApi = {
  readonly [C in Channel]: (input: ChannelInput<C>) => Promise<IpcResponse<ChannelOutput<C>>>
}

/** What renderer code calls: the value, or a thrown ApiError. */
export type CredentialsApi = {
  readonly [C in Channel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>
}

export type Transport = (channel: Channel, input: unknown) => Promise<IpcResponse<unknown>>

export function createPreloadApi(transport: Transport): PreloadApi {
  const api: Record<string, (input: unknown) => Promise<IpcResponse<unknown>>> = {}
  for (const channel of CHANNELS) {
    api[channel] = (input: unknown) => transport(channel, input === undefined ? {} : input)
  }
  return Object.freeze(api) as unknown as PreloadApi
}

export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly retryAfterMs?: number

  constructor(payload: AppErrorPayload) {
    super(payload.message)
    this.name = 'ApiError'
    this.code = payload.code
    if (payload.field !== undefined) this.field = payload.field
    if (payload.retryAfterMs !== undefined) this.retryAfterMs = payload.retryAfterMs
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

export function createApiClient(preloadApi: PreloadApi): CredentialsApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const channel of CHANNELS) {
    const call = preloadApi[channel] as (input: unknown) => Promise<IpcResponse<unknown>>
    api[channel] = async (input: unknown) => {
      const response = await call(input)
      if (response.ok) return response.value
      throw new ApiError(response.error)
    }
  }
  return Object.freeze(api) as unknown as CredentialsApi
}

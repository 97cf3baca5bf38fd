/**
 * A stand-in for the preload's `window.api` in component tests: every channel answers with a wire
 * envelope, exactly like the real preload, so the real `createApiClient` in src/api.ts runs.
 *
 * Import this module FIRST in a test file (before anything that imports src/api.ts): it installs
 * `window.api` as a side effect, and api.ts binds to it when it is first evaluated.
 *   import { fakeApi } from '../components/__tests__/fakePreloadApi'
 *   fakeApi.answer('session.signIn', { code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase.' })
 *   fakeApi.reply('accounts.listForSignIn', [{ id: 'a1', displayName: 'Ada', email: 'ada@x' }])
 */
import type { AppErrorPayload, IpcResponse } from '@shared/errors'
import type { Channel, ChannelInput, ChannelOutput } from '@shared/ipc/contract'
import type { PreloadApi } from '@shared/ipc/client'

type Handler = (input: unknown) => Promise<IpcResponse<unknown>> | IpcResponse<unknown>

export interface FakeCall {
  channel: Channel
  input: unknown
}

const handlers = new Map<Channel, Handler>()
const calls: FakeCall[] = []

const preload = new Proxy(
  {},
  {
    get(_target, channel: string) {
      return async (input: unknown) => {
        calls.push({ channel: channel as Channel, input })
        const handler = handlers.get(channel as Channel)
        if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `No fake answer for ${channel}` } }
        return handler(input)
      }
    },
  },
) as PreloadApi

Object.defineProperty(window, 'api', { value: preload, configurable: true })

export const fakeApi = {
  /** Answer a channel with a value (or a function of the input). */
  reply<C extends Channel>(channel: C, value: ChannelOutput<C> | ((input: ChannelInput<C>) => ChannelOutput<C>)): void {
    handlers.set(channel, (input) => ({
      ok: true,
      value: typeof value === 'function' ? (value as (i: unknown) => unknown)(input) : value,
    }))
  },
  /** Answer a channel with an error envelope. */
  fail(channel: Channel, error: AppErrorPayload): void {
    handlers.set(channel, () => ({ ok: false, error }))
  },
  /** Full control, e.g. a promise the test resolves later to observe a busy state. */
  handle(channel: Channel, handler: Handler): void {
    handlers.set(channel, handler)
  },
  calls(channel?: Channel): FakeCall[] {
    return channel ? calls.filter((call) => call.channel === channel) : [...calls]
  },
  reset(): void {
    handlers.clear()
    calls.length = 0
  },
}

/** A promise with its resolver, to hold a call open while asserting on the busy state. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

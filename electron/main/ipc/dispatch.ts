/**
 * The single entry point for every IPC call, used unchanged by Electron's ipcMain path
 * and by the Chromium test bridge. Order matters: sender first (a foreign frame learns
 * nothing, not even whether a channel exists), then channel, then input shape, then
 * session, then the handler. Every failure is a typed error and changes nothing.
 */
import { AppError, type IpcResponse } from '@shared/errors'
import { isChannel, type Channel } from '@shared/ipc/channels'
import { contract } from '@shared/ipc/contract'
import type { Logger } from '../../core/log'
import type { HandlerContext, HandlerTable, PlatformPorts, SenderInfo } from './types'
import type { Core } from '../../core/core'

export interface DispatcherOptions {
  core: Core
  handlers: HandlerTable
  ports: PlatformPorts
  /** The app's own origin, e.g. `app://cluster-credentials`; anything else is refused. */
  appOrigin: string
  logger: Logger
}

export type Dispatch = (channel: unknown, payload: unknown, sender: SenderInfo) => Promise<IpcResponse<unknown>>

/**
 * Whether `url` belongs to the app's origin. Compares scheme and host rather than
 * `URL.origin`: Node's WHATWG URL reports the origin of a custom scheme such as
 * `app://cluster-credentials` as "null", although Chromium treats our privileged
 * standard scheme as a real origin.
 */
export function hasAppOrigin(url: string, appOrigin: string): boolean {
  try {
    const candidate = new URL(url)
    const app = new URL(appOrigin)
    return candidate.protocol === app.protocol && candidate.host === app.host && candidate.username === '' && candidate.password === ''
  } catch {
    return false
  }
}

export function isTrustedSender(sender: SenderInfo, appOrigin: string): boolean {
  return sender.isMainFrame && hasAppOrigin(sender.url, appOrigin)
}

function describeIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): {
  message: string
  field?: string
} {
  const first = error.issues[0]
  if (!first) return { message: 'Invalid input.' }
  const path = first.path.map(String).join('.')
  return path ? { message: `Invalid input at "${path}": ${first.message}`, field: path } : { message: `Invalid input: ${first.message}` }
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { appOrigin, logger } = options
  const dispatchTrusted = createTrustedDispatch(options)
  return (channel, payload, sender) => {
    if (!isTrustedSender(sender, appOrigin)) {
      logger.warn('ipc.foreign_sender', { origin: safeOrigin(sender.url), mainFrame: sender.isMainFrame })
      const refused = new AppError('FOREIGN_SENDER', 'This request did not come from the application window.')
      return Promise.resolve({ ok: false, error: refused.toPayload() })
    }
    return dispatchTrusted(channel, payload)
  }
}

/** A call from a caller that needs no sender check; everything after it is the app's own. */
export type LocalDispatch = (channel: unknown, payload: unknown) => Promise<IpcResponse<unknown>>

/**
 * The command line's dispatcher: a trusted local caller (the person at this account, who
 * could open the workspace file anyway), so there is no window frame to check. Channel,
 * input, session, authorization, audit and output checks are exactly the app's.
 */
export function createLocalDispatcher(options: Omit<DispatcherOptions, 'appOrigin'>): LocalDispatch {
  return createTrustedDispatch(options)
}

function createTrustedDispatch(options: Omit<DispatcherOptions, 'appOrigin'>): LocalDispatch {
  const { core, handlers, ports, logger } = options

  async function run(channel: unknown, payload: unknown): Promise<unknown> {
    if (!isChannel(channel)) throw new AppError('UNKNOWN_CHANNEL', 'Unknown request.')
    const spec = contract[channel]
    const parsed = spec.input.safeParse(payload)
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error)
      throw new AppError('INVALID_INPUT', message, field === undefined ? {} : { field })
    }
    const actor = core.session.currentActor()
    if (spec.auth === 'session' && !actor) {
      // A locked session remembers its account: the renderer shows the unlock screen for it.
      throw core.session.lockedAccountId()
        ? new AppError('VAULT_LOCKED', 'The session is locked. Unlock it with your passphrase.')
        : new AppError('UNAUTHENTICATED', 'Sign in first.')
    }
    const context: HandlerContext = { core, ports, actor }
    const handler = handlers[channel] as (input: unknown, context: HandlerContext) => unknown
    try {
      // The answer is produced and parsed inside the request's transaction: only fields the
      // contract names ever leave main, and a change whose answer fails its schema rolls back.
      return await core.runRequest(async () => spec.output.parse(await handler(parsed.data, context)))
    } finally {
      // Any request of a signed-in window is activity for the idle auto-lock, except the
      // status read, which the app makes on its own without the person doing anything.
      if (channel !== 'app.status' && channel !== 'session.lock') core.autoLock.touch()
    }
  }

  return async (channel, payload) => {
    try {
      return { ok: true, value: await run(channel, payload) }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() }
      // Log the kind and stack of the failure, never the payload (it may hold secrets).
      logger.error('ipc.internal_error', {
        channel: isChannel(channel) ? (channel as Channel) : 'unknown',
        error: error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
        stack: error instanceof Error ? error.stack : undefined,
      })
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Nothing was changed.' } }
    }
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'invalid-url'
  }
}

/**
 * The Chromium bridge: the built renderer in a Playwright-driven Chromium, wired to the
 * real dispatcher and handler table of electron/main with a real Core in this process.
 *
 *   page  --window.api (same generated client as the preload)-->  binding `__ccInvoke`
 *         --> createDispatcher(handlers) with the frame's URL/main-frame flag as sender
 *
 * Only the transport differs from Electron: ipcMain.handle + event.senderFrame there,
 * page.exposeBinding + source.frame here. Assets come through the same
 * resolveRendererAsset and security headers as the app:// protocol handler.
 */
import { readFile } from 'node:fs/promises'
import type { BrowserContext, Page, Route } from '@playwright/test'
import { createCore, type Core } from '../../electron/core/core'
import type { PasswordHashingPolicy } from '../../electron/core/crypto/passwordHash'
import { FAST_TEST_KDF, type KdfPolicy } from '../../electron/core/crypto/kdf'
import type { VaultBackupOptions } from '../../electron/core/vault/vaultBackupService'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createMemoryLogger, type Logger } from '../../electron/core/log'
import { createDispatcher, type Dispatch } from '../../electron/main/ipc/dispatch'
import { handlers } from '../../electron/main/ipc/handlers/index'
import { createGuardedClipboard, createRecordingClipboard, type RecordingClipboard } from '../../electron/main/clipboardGuard'
import { resolveRendererAsset } from '../../electron/main/rendererProtocol'
import { BRIDGE_INIT_SCRIPT, BRIDGE_ORIGIN, RENDERER_ROOT } from './paths'

export interface BridgeOptions {
  dataDir: string
  /** Defaults to the deliberately fast test policies; the manual window may pass production ones. */
  kdf?: KdfPolicy
  passwordHashing?: PasswordHashingPolicy
  /** Vault backups' age scrypt work factor; defaults to a fast test one (files still open with `age -d`). */
  backup?: VaultBackupOptions
  logger?: Logger
}

/** log2 scrypt work factor for backups made in tests: production's 18 takes seconds per export and import. */
export const FAST_TEST_BACKUP: VaultBackupOptions = { scryptLogN: 10 }

export interface BridgeSession {
  core: Core
  dispatch: Dispatch
  /** In-memory clipboard behind the same clear-if-unchanged guard main uses. */
  clipboard: RecordingClipboard
  /** Log lines when the default in-memory logger is used (empty otherwise). */
  logLines: string[]
  close(): Promise<void>
}

/**
 * The built renderer never changes during a run, so each asset is read from disk once per
 * process: with every request routed through Playwright, a fresh read per page load made
 * loading the app a visible part of each e2e test.
 */
const assetBodies = new Map<string, Promise<Buffer>>()

function readAsset(filePath: string): Promise<Buffer> {
  let body = assetBodies.get(filePath)
  if (!body) {
    body = readFile(filePath)
    assetBodies.set(filePath, body)
  }
  return body
}

async function serveOrAbort(route: Route): Promise<void> {
  const request = route.request()
  let origin: string
  try {
    origin = new URL(request.url()).origin
  } catch {
    await route.abort('blockedbyclient')
    return
  }
  if (origin !== BRIDGE_ORIGIN) {
    // Nothing leaves the machine: the renderer has no business with any other origin.
    await route.abort('blockedbyclient')
    return
  }
  const asset = resolveRendererAsset(RENDERER_ROOT, request.url(), request.method())
  const body = asset.filePath ? await readAsset(asset.filePath) : Buffer.from(`${asset.status}`)
  await route.fulfill({ status: asset.status, headers: asset.headers, body })
}

/** Routes every request of the context: the app origin is served from out/renderer, the rest aborted. */
export async function routeBridgeContext(context: BrowserContext): Promise<void> {
  await context.route('**/*', serveOrAbort)
}

export async function attachBridge(page: Page, options: BridgeOptions): Promise<BridgeSession> {
  const memoryLogger = options.logger ? null : createMemoryLogger('debug')
  const logger = options.logger ?? memoryLogger!
  const core = await createCore({
    dataDir: options.dataDir,
    kdf: options.kdf ?? FAST_TEST_KDF,
    passwordHashing: options.passwordHashing ?? FAST_TEST_PASSWORD_HASHING,
    backup: options.backup ?? FAST_TEST_BACKUP,
    logger,
  })
  const clipboard = createRecordingClipboard()
  const guarded = createGuardedClipboard(clipboard)
  const dispatch = createDispatcher({
    core,
    handlers,
    ports: { copySecretToClipboard: guarded.copySecretToClipboard },
    appOrigin: BRIDGE_ORIGIN,
    logger,
  })

  await page.exposeBinding('__ccInvoke', async (source, channel: unknown, payload: unknown) => {
    const response = await dispatch(channel, payload, {
      url: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
    })
    // Channel and outcome only, never payloads: the trace helps read a failed e2e run.
    logger.debug('bridge.call', { channel: String(channel), outcome: response.ok ? 'ok' : response.error.code })
    return response
  })
  await page.addInitScript({ path: BRIDGE_INIT_SCRIPT })
  await routeBridgeContext(page.context())

  let closed = false
  return {
    core,
    dispatch,
    clipboard,
    logLines: memoryLogger?.lines ?? [],
    async close() {
      if (closed) return
      closed = true
      await guarded.clearIfUnchanged()
      core.close()
    },
  }
}

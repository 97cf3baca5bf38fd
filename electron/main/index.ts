/**
 * Electron main: glue only. Resolves the data folder, takes the single-instance lock,
 * builds the Core, serves the renderer over app://, registers the IPC handlers and opens
 * the one window. Every rule lives in electron/core and electron/main/ipc.
 */
import { accessSync, constants } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, ipcMain, powerMonitor, session, type BrowserWindow } from 'electron'
import { AppError } from '@shared/errors'
import { createCore, type Core } from '../core/core'
import { FAST_TEST_KDF, PRODUCTION_KDF_POLICY } from '../core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING, PRODUCTION_PASSWORD_HASHING } from '../core/crypto/passwordHash'
import { ensureOwnerOnlyFolder } from '../core/fs/ownerOnly'
import { createLogger, stderrSink, type Logger } from '../core/log'
import { APP_ENTRY_URL, APP_ORIGIN } from './appOrigin'
import { createSystemClipboard } from './clipboard'
import { resolveDataDir } from './dataDir'
import { handleDownloads } from './downloads'
import { hardenAllWebContents, hardenSession } from './hardening'
import { createDispatcher } from './ipc/dispatch'
import { handlers } from './ipc/handlers/index'
import { registerIpcHandlers } from './ipc/register'
import { createFileSink, LOG_FILE_NAME } from './logFile'
import { findElectronNativeBinding } from './nativeBinding'
import { nativeModuleUnavailable } from '../core/db/nativeModule'
import { registerAppSchemeAsPrivileged, serveRenderer } from './protocol'
import { decideOnLock, focusExistingWindow } from './singleInstance'
import { describeStartupFailure } from './startupFailure'
import { decideKdf } from './testSwitches'
import { createMainWindow } from './window'

const bundleDir = dirname(fileURLToPath(import.meta.url))
const rendererRoot = join(bundleDir, '..', 'renderer')
const preloadPath = join(bundleDir, '..', 'preload', 'index.cjs')
const projectRoot = join(bundleDir, '..', '..')

/** In `electron-vite dev` the renderer comes from Vite's dev server instead of app://. */
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN
const entryUrl = devServerUrl ?? APP_ENTRY_URL

function fail(title: string, message: string, logger?: Logger): void {
  logger?.error('app.startup_failed', { title })
  stderrSink.write(`${title}: ${message}`)
  dialog.showErrorBox(title, message)
  app.exit(1)
}

function ensureWritableFolder(dataDir: string): AppError | null {
  try {
    ensureOwnerOnlyFolder(dataDir)
    accessSync(dataDir, constants.W_OK | constants.R_OK)
    return null
  } catch {
    return new AppError(
      'STORAGE_UNAVAILABLE',
      `Cluster Credentials cannot open or write its data folder "${dataDir}". ` +
        'Check that the folder exists, is writable by you and that the disk has free space.',
    )
  }
}

async function main(): Promise<void> {
  registerAppSchemeAsPrivileged()

  const { dataDir, source } = resolveDataDir({
    argv: process.argv,
    env: process.env,
    defaultDir: app.getPath('userData'),
    cwd: process.cwd(),
  })
  const folderProblem = ensureWritableFolder(dataDir)
  if (folderProblem) {
    await app.whenReady()
    const failure = describeStartupFailure(folderProblem, { dataDir, logFile: null })
    return fail(failure.title, failure.message)
  }
  // Chromium's profile and the single-instance lock live with the workspace, so the lock
  // means "one app per data folder" and tests with separate folders never collide.
  app.setPath('userData', dataDir)
  app.setPath('sessionData', join(dataDir, 'chromium'))

  const decision = decideOnLock(app.requestSingleInstanceLock())
  if (!decision.proceed) {
    stderrSink.write(decision.message)
    app.exit(decision.exitCode)
    return
  }

  const logSink = createFileSink(join(dataDir, LOG_FILE_NAME))
  const logger = createLogger(logSink, 'info')
  logger.info('app.starting', { version: app.getVersion(), dataDirSource: source, packaged: app.isPackaged })

  const kdfChoice = decideKdf(process.argv, app.isPackaged)
  if (kdfChoice === 'fast-test') {
    const warning = 'TEST MODE: --test-fast-kdf uses a deliberately weak KDF. Never use this data dir for real secrets.'
    logger.warn('app.test_fast_kdf', { warning })
    stderrSink.write(`WARNING: ${warning}`)
  } else if (kdfChoice === 'refused-packaged') {
    logger.warn('app.test_fast_kdf_refused', { reason: 'packaged build keeps production KDF' })
  }
  const fast = kdfChoice === 'fast-test'

  await app.whenReady()

  // Unpackaged, node_modules holds better-sqlite3 built for Node; Electron needs its own
  // build from .native/ (npm start prepares it). Say so plainly instead of failing to open.
  const electronVersion = process.versions['electron']
  const nativeBinding =
    app.isPackaged || !electronVersion ? null : findElectronNativeBinding(projectRoot, electronVersion, process.versions.modules)
  if (!app.isPackaged && electronVersion && !nativeBinding) {
    logger.error('db.native_module_unprepared', { electronVersion, abi: process.versions.modules })
    const failure = describeStartupFailure(nativeModuleUnavailable(), { dataDir, logFile: logSink.path })
    return fail(failure.title, failure.message, logger)
  }

  let core: Core
  try {
    core = await createCore({
      dataDir,
      kdf: fast ? FAST_TEST_KDF : PRODUCTION_KDF_POLICY,
      passwordHashing: fast ? FAST_TEST_PASSWORD_HASHING : PRODUCTION_PASSWORD_HASHING,
      logger,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
  } catch (error) {
    const failure = describeStartupFailure(error, { dataDir, logFile: logSink.path })
    logger.error('app.core_failed', {
      reason: failure.reason,
      error: error instanceof Error ? `${error.name}: ${error.message}` : typeof error,
    })
    return fail(failure.title, failure.message, logger)
  }

  hardenAllWebContents(appOrigin)
  // The camera, for the handoff QR scanner, only while core says the scanner is open.
  hardenSession(session.defaultSession, appOrigin, { devServer: Boolean(devServerUrl), scannerOpen: () => core.qrScanner.isOpen() })
  // Backups, handoff files and the audit CSV are the page's own blob: downloads: OS save dialog, then 0600.
  handleDownloads(session.defaultSession, appOrigin, logger)
  if (!devServerUrl) serveRenderer(rendererRoot)

  const clipboard = createSystemClipboard(logger)
  // A copied secret does not outlive the session that copied it.
  core.session.onEnd(() => void clipboard.clearIfUnchanged())
  const dispatch = createDispatcher({
    core,
    handlers,
    ports: { copySecretToClipboard: clipboard.copySecretToClipboard },
    appOrigin,
    logger,
  })
  registerIpcHandlers(ipcMain, dispatch)

  let window: BrowserWindow | null = createMainWindow({ preloadPath, entryUrl, allowDevTools: !app.isPackaged })
  window.on('closed', () => {
    window = null
  })

  app.on('second-instance', () => {
    focusExistingWindow(window)
    logger.info('app.second_instance_refused')
  })

  // Screen lock or sleep locks, like KeePassXC locking its database: the same path as the
  // Lock button and the idle timer. The key, tickets and import plans are wiped (session end
  // listeners), and the reload drops every value the renderer held and shows the unlock screen.
  core.session.onLock(() => window?.webContents.reload())
  powerMonitor.on('lock-screen', () => core.accounts.lock('os-lock'))
  powerMonitor.on('suspend', () => core.accounts.lock('suspend'))

  app.on('window-all-closed', () => app.quit())
  // Clearing Electron's clipboard is asynchronous: hold the quit until it is done once.
  let cleanedUp = false
  app.on('will-quit', (event) => {
    if (cleanedUp) return
    event.preventDefault()
    void clipboard.clearIfUnchanged().finally(() => {
      cleanedUp = true
      core.close()
      logger.info('app.quit')
      logSink.close()
      app.quit()
    })
  })
}

main().catch((error: unknown) => {
  stderrSink.write(`Cluster Credentials failed to start: ${error instanceof Error ? error.message : String(error)}`)
  try {
    dialog.showErrorBox('Cluster Credentials could not start', 'An unexpected error stopped the start-up. Nothing was changed.')
  } finally {
    app.exit(1)
  }
})

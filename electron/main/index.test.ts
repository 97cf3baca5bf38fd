/**
 * Electron cannot run on every machine that runs the tests, so main's start-up is
 * exercised here against a recording stand-in for the `electron` module, with the real
 * Core, dispatcher and handlers behind it: what gets registered before 'ready', the lock,
 * the window options, the IPC wiring and sender check, the start-up failure dialogs,
 * screen-lock sign-out and the quit clean-up.
 */
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, IPC_PREFIX } from '@shared/ipc/channels'
import { makeTempDir } from '../core/testing/tempDir'
import { DATABASE_FILE_NAME } from '../core/core'

type Listener = (...args: unknown[]) => unknown

const fake = vi.hoisted(() => {
  const state = {
    isPackaged: false,
    gotLock: true,
    userData: '',
    calls: [] as string[],
    exitCode: null as number | null,
    errorBoxes: [] as Array<{ title: string; message: string }>,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    appListeners: new Map<string, Listener[]>(),
    powerListeners: new Map<string, Listener[]>(),
    sessionListeners: new Map<string, Listener[]>(),
    windows: [] as Array<{ options: Record<string, unknown>; loadedUrl: string | null; reloads: number }>,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    beforeRequest: null as { filter: unknown; listener: Listener } | null,
    clipboardText: '',
  }
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener])
  }
  class FakeBrowserWindow {
    readonly record: { options: Record<string, unknown>; loadedUrl: string | null; reloads: number }
    readonly webContents: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      this.record = { options, loadedUrl: null, reloads: 0 }
      state.windows.push(this.record)
      this.webContents = {
        reload: () => void this.record.reloads++,
        on: () => undefined,
        setWindowOpenHandler: () => undefined,
      }
    }
    once() {}
    on() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false
    }
    isDestroyed() {
      return false
    }
    loadURL(url: string) {
      this.record.loadedUrl = url
      return Promise.resolve()
    }
  }
  const electron = {
    app: {
      get isPackaged() {
        return state.isPackaged
      },
      getPath: (name: string) => (name === 'userData' ? state.userData : `/nonexistent/${name}`),
      setPath: (name: string, value: string) => state.calls.push(`setPath:${name}:${value}`),
      getVersion: () => '0.0.0-test',
      requestSingleInstanceLock: () => {
        state.calls.push('requestSingleInstanceLock')
        return state.gotLock
      },
      whenReady: () => {
        state.calls.push('whenReady')
        return Promise.resolve()
      },
      on: on(state.appListeners),
      exit: (code: number) => {
        state.exitCode = code
      },
      quit: () => state.calls.push('quit'),
    },
    dialog: { showErrorBox: (title: string, message: string) => state.errorBoxes.push({ title, message }) },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) =>
        state.ipcHandlers.set(channel, listener),
    },
    powerMonitor: { on: on(state.powerListeners) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.calls.push('registerSchemesAsPrivileged')
        state.privilegedSchemes.push(...schemes)
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (listener: Listener) => (state.permissionRequest = listener),
        setPermissionCheckHandler: (listener: Listener) => (state.permissionCheck = listener),
        setDevicePermissionHandler: () => undefined,
        webRequest: { onBeforeRequest: (filter: unknown, listener: Listener) => (state.beforeRequest = { filter, listener }) },
        on: on(state.sessionListeners),
      },
    },
    BrowserWindow: FakeBrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    clipboard: {
      readText: async () => state.clipboardText,
      writeText: async (text: string) => void (state.clipboardText = text),
      clear: () => void (state.clipboardText = ''),
    },
  }
  return { state, electron }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

const APP_FRAME = { url: 'app://cluster-credentials/index.html', parent: null }
const appEvent = { senderFrame: APP_FRAME }
const OWNER = {
  organizationName: 'Acme Data',
  displayName: 'Ada Admin',
  email: 'ada@example.com',
  passphrase: 'correct horse battery staple',
}

let folders: string[] = []
let originalArgv: string[]
let stderr: string[]

function resetFake(): void {
  const { state } = fake
  Object.assign(state, {
    isPackaged: false,
    gotLock: true,
    calls: [],
    exitCode: null,
    errorBoxes: [],
    privilegedSchemes: [],
    windows: [],
    permissionRequest: null,
    permissionCheck: null,
    beforeRequest: null,
    clipboardText: '',
  })
  state.protocolHandlers.clear()
  state.ipcHandlers.clear()
  state.appListeners.clear()
  state.powerListeners.clear()
  state.sessionListeners.clear()
}

async function startMain(args: string[]): Promise<void> {
  process.argv = ['electron', 'out/main/index.js', ...args]
  vi.resetModules()
  await import('./index')
  // main() runs on import; it is done when it opened a window or exited.
  await vi.waitFor(() => expect(fake.state.windows.length > 0 || fake.state.exitCode !== null).toBe(true), { timeout: 10_000 })
}

function tempFolder(): string {
  const folder = makeTempDir('cc-main-')
  folders.push(folder)
  return folder
}

async function invoke(channel: string, payload: unknown, event: unknown = appEvent): Promise<unknown> {
  const handler = fake.state.ipcHandlers.get(IPC_PREFIX + channel)
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler(event, payload)
}

async function quit(): Promise<void> {
  const listeners = fake.state.appListeners.get('will-quit') ?? []
  for (const listener of listeners) listener({ preventDefault: () => undefined })
  await vi.waitFor(() => expect(fake.state.calls).toContain('quit'))
}

beforeEach(() => {
  resetFake()
  originalArgv = process.argv
  stderr = []
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk))
    return true
  })
})

afterEach(() => {
  process.argv = originalArgv
  vi.restoreAllMocks()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  folders = []
})

describe('Electron main start-up', () => {
  it('registers the privileged scheme before anything else, then locks, builds the core and opens one hardened window', async () => {
    const dataDir = tempFolder()
    await startMain([`--data-dir=${dataDir}`, '--test-fast-kdf'])
    const { state } = fake

    expect(state.calls[0]).toBe('registerSchemesAsPrivileged')
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(state.calls).toContain(`setPath:userData:${dataDir}`)
    expect(state.calls.indexOf(`setPath:userData:${dataDir}`)).toBeLessThan(state.calls.indexOf('requestSingleInstanceLock'))
    expect(state.exitCode).toBeNull()

    expect(state.windows).toHaveLength(1)
    const window = state.windows[0]!
    expect(window.loadedUrl).toBe('app://cluster-credentials/index.html')
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
    })
    expect(state.protocolHandlers.has('app')).toBe(true)
    expect([...state.ipcHandlers.keys()].sort()).toEqual(CHANNELS.map((channel) => IPC_PREFIX + channel).sort())

    // The fast KDF was asked for in an unpackaged run: honoured, and said loudly.
    expect(stderr.join('')).toMatch(/TEST MODE: --test-fast-kdf/)
    expect(readFileSync(join(dataDir, 'cluster-credentials.log'), 'utf8')).toMatch(/app\.test_fast_kdf/)
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(true)
    await quit()
  })

  it('keeps the data folder and every file in it owner-only, tightening ones an older version left readable', async () => {
    const dataDir = tempFolder()
    chmodSync(dataDir, 0o755)
    const logPath = join(dataDir, 'cluster-credentials.log')
    writeFileSync(logPath, '', { mode: 0o644 })
    chmodSync(logPath, 0o644)
    await startMain([`--data-dir=${dataDir}`, '--test-fast-kdf'])
    await invoke('workspace.create', OWNER)
    const modeOf = (path: string) => statSync(path).mode & 0o777
    expect(modeOf(dataDir)).toBe(0o700)
    for (const name of ['cluster-credentials.log', DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`]) {
      expect([name, modeOf(join(dataDir, name))]).toEqual([name, 0o600])
    }
    await quit()
  })

  it('denies every permission but the camera while the QR scanner is open, and cancels requests to other origins', async () => {
    await startMain([`--data-dir=${tempFolder()}`, '--test-fast-kdf'])
    const { state } = fake
    const appFrame = { requestingUrl: APP_FRAME.url, isMainFrame: true }
    const request = (permission: string, details: Record<string, unknown>) => {
      const decisions: boolean[] = []
      state.permissionRequest!(null, permission, (allowed: boolean) => decisions.push(allowed), details)
      return decisions
    }
    const camera = () => request('media', { ...appFrame, mediaTypes: ['video'] })
    expect(camera()).toEqual([false])
    expect(state.permissionCheck!(null, 'clipboard-read', 'app://cluster-credentials', appFrame)).toBe(false)

    expect(await invoke('workspace.create', OWNER)).toMatchObject({ ok: true })
    expect(camera()).toEqual([false])
    expect(await invoke('handoff.scannerOpen', {})).toMatchObject({ ok: true })
    expect(camera()).toEqual([true])
    expect(state.permissionCheck!(null, 'media', 'app://cluster-credentials', { ...appFrame, mediaType: 'video' })).toBe(true)
    expect(request('media', { ...appFrame, mediaTypes: ['video', 'audio'] })).toEqual([false])
    expect(request('display-capture', { ...appFrame, mediaTypes: ['video'] })).toEqual([false])
    expect(request('media', { requestingUrl: APP_FRAME.url, isMainFrame: false, mediaTypes: ['video'] })).toEqual([false])
    expect(request('media', { requestingUrl: 'https://example.com/', isMainFrame: true, mediaTypes: ['video'] })).toEqual([false])
    expect(await invoke('handoff.scannerClose', {})).toMatchObject({ ok: true })
    expect(camera()).toEqual([false])

    // Screen lock closes an open scanner with the session.
    expect(await invoke('handoff.scannerOpen', {})).toMatchObject({ ok: true })
    for (const listener of state.powerListeners.get('lock-screen') ?? []) listener()
    expect(camera()).toEqual([false])
    const cancelled: boolean[] = []
    state.beforeRequest!.listener({ url: 'https://example.com/x.js' }, ({ cancel }: { cancel: boolean }) => cancelled.push(cancel))
    expect(cancelled).toEqual([true])
    await quit()
  })

  it("lets only the app page's own blob: downloads through to the save dialog; the network filter never sees them", async () => {
    await startMain([`--data-dir=${tempFolder()}`, '--test-fast-kdf'])
    const { state } = fake
    const [willDownload] = state.sessionListeners.get('will-download') ?? []
    const download = (url: string) => {
      const outcome = { prevented: false, waitsForDone: false }
      const item = { getURL: () => url, getSavePath: () => '/nonexistent/backup.age', once: () => (outcome.waitsForDone = true) }
      willDownload!({ preventDefault: () => (outcome.prevented = true) }, item, { getURL: () => 'app://cluster-credentials/index.html' })
      return outcome
    }
    expect(download('blob:app://cluster-credentials/5d1c8c36-0d4e-4f43-9f0e-2b4b1e6c9a10')).toEqual({
      prevented: false,
      waitsForDone: true,
    })
    expect(download('https://example.com/backup.age')).toEqual({ prevented: true, waitsForDone: false })
    const { urls } = state.beforeRequest!.filter as { urls: string[] }
    expect(urls.some((pattern) => pattern.startsWith('blob:') || pattern.startsWith('<all_urls>'))).toBe(false)
    await quit()
  })

  it('serves the renderer through the confined resolver with security headers', async () => {
    await startMain([`--data-dir=${tempFolder()}`, '--test-fast-kdf'])
    const handler = fake.state.protocolHandlers.get('app')!
    const traversal = await handler(new Request('app://cluster-credentials/%2e%2e/%2e%2e/package.json'))
    expect(traversal.status).not.toBe(200)
    expect(traversal.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    const otherHost = await handler(new Request('app://elsewhere/index.html'))
    expect(otherHost.status).toBe(404)
    await quit()
  })

  it('answers IPC from the app window through the real dispatcher and refuses other frames', async () => {
    await startMain([`--data-dir=${tempFolder()}`, '--test-fast-kdf'])
    expect(await invoke('app.status', {})).toEqual({ ok: true, value: { workspace: null, session: null } })
    const subframe = { url: APP_FRAME.url, parent: APP_FRAME }
    expect(await invoke('app.status', {}, { senderFrame: subframe })).toMatchObject({
      ok: false,
      error: { code: 'FOREIGN_SENDER' },
    })
    expect(await invoke('app.status', {}, { senderFrame: null })).toMatchObject({
      ok: false,
      error: { code: 'FOREIGN_SENDER' },
    })
    await quit()
  })

  it('screen lock and suspend sign out and send the window back to sign-in', async () => {
    await startMain([`--data-dir=${tempFolder()}`, '--test-fast-kdf'])
    expect(await invoke('workspace.create', OWNER)).toMatchObject({ ok: true })
    for (const listener of fake.state.powerListeners.get('lock-screen') ?? []) listener()
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { session: null } })
    expect(fake.state.windows[0]!.reloads).toBe(1)
    expect(fake.state.powerListeners.has('suspend')).toBe(true)
    await quit()
  })

  it('quit clears a copied secret that is still on the clipboard', async () => {
    await startMain([`--data-dir=${tempFolder()}`, '--test-fast-kdf'])
    expect(await invoke('workspace.create', OWNER)).toMatchObject({ ok: true })
    expect(await invoke('clipboard.copySecret', { text: 'Copied-Secret-123' })).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(fake.state.clipboardText).toBe('Copied-Secret-123'))
    await quit()
    expect(fake.state.clipboardText).toBe('')
  })

  it('a second instance exits cleanly with a clear message and opens nothing', async () => {
    const dataDir = tempFolder()
    fake.state.gotLock = false
    await startMain([`--data-dir=${dataDir}`])
    expect(fake.state.exitCode).toBe(0)
    expect(stderr.join('')).toMatch(/already running/)
    expect(fake.state.windows).toEqual([])
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(false)
  })

  it('an unusable data folder shows a clear error box and quits', async () => {
    const parent = tempFolder()
    writeFileSync(join(parent, 'a-file'), 'keep me')
    await startMain([`--data-dir=${join(parent, 'a-file', 'workspace')}`])
    expect(fake.state.exitCode).toBe(1)
    expect(fake.state.errorBoxes).toEqual([{ title: 'Data folder unavailable', message: expect.stringMatching(/Nothing was changed\./) }])
    expect(fake.state.windows).toEqual([])
    expect(readFileSync(join(parent, 'a-file'), 'utf8')).toBe('keep me')
  })

  it('a workspace from a newer version shows a clear error box, quits and leaves the file as it was', async () => {
    const dataDir = tempFolder()
    const dbPath = join(dataDir, DATABASE_FILE_NAME)
    const db = new Database(dbPath)
    db.exec('CREATE TABLE from_the_future (x)')
    db.pragma('user_version = 9999')
    db.close()
    const before = readFileSync(dbPath)

    await startMain([`--data-dir=${dataDir}`])
    expect(fake.state.exitCode).toBe(1)
    expect(fake.state.errorBoxes).toEqual([
      { title: 'Workspace from a newer version', message: expect.stringMatching(/Nothing was changed\./) },
    ])
    expect(fake.state.windows).toEqual([])
    expect(readFileSync(dbPath).equals(before)).toBe(true)
  })

  it('under Electron without an Electron-ABI better-sqlite3 build, says how to prepare it instead of failing to open', async () => {
    const dataDir = tempFolder()
    Object.defineProperty(process.versions, 'electron', { value: '0.0.0-never-prepared', configurable: true })
    try {
      await startMain([`--data-dir=${dataDir}`])
    } finally {
      delete (process.versions as Record<string, string | undefined>)['electron']
    }
    expect(fake.state.exitCode).toBe(1)
    expect(fake.state.errorBoxes).toEqual([
      { title: 'Database module not built for this runtime', message: expect.stringMatching(/prepare-electron-native/) },
    ])
    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(false)
  })

  it('a packaged app ignores --test-fast-kdf', async () => {
    const dataDir = tempFolder()
    fake.state.isPackaged = true
    await startMain([`--data-dir=${dataDir}`, '--test-fast-kdf'])
    expect(stderr.join('')).not.toMatch(/TEST MODE/)
    expect(readFileSync(join(dataDir, 'cluster-credentials.log'), 'utf8')).toMatch(/app\.test_fast_kdf_refused/)
    await quit()
  })
})

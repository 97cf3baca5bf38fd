/**
 * The hardened shell as the page sees it. The first group runs under both projects (the
 * bridge serves assets through the same resolver and headers as app://); the second
 * group needs the real Electron main process and is skipped elsewhere.
 */
import { spawn } from 'node:child_process'
import { CHANNELS } from '../../shared/ipc/channels'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/rendererProtocol'
import { findElectron } from '../bridge/electronBinary'
import { ELECTRON_MAIN_ENTRY } from '../bridge/paths'
import { expect, test } from './fixtures'

test.describe('renderer sandbox and assets', () => {
  test('every response carries the CSP, the page has the same policy, traversal is refused', async ({ app }) => {
    const { page } = app
    await page.locator('#app *').first().waitFor()
    const result = await page.evaluate(async () => {
      const index = await fetch('/index.html')
      const traversal = await fetch('/%2e%2e/package.json')
      const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src)
      const script = scripts[0] ? await fetch(scripts[0]) : null
      return {
        indexCsp: index.headers.get('content-security-policy'),
        nosniff: index.headers.get('x-content-type-options'),
        scriptCsp: script?.headers.get('content-security-policy') ?? null,
        traversalStatus: traversal.status,
        meta: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
      }
    })
    expect(result.indexCsp).toBe(CONTENT_SECURITY_POLICY)
    expect(result.scriptCsp).toBe(CONTENT_SECURITY_POLICY)
    expect(result.nosniff).toBe('nosniff')
    expect(result.traversalStatus).not.toBe(200)
    expect(result.meta).not.toBeNull()
    expect(result.meta).not.toMatch(/unsafe-eval|https?:/)
  })

  test('the page gets named API functions only: no require, process or ipcRenderer', async ({ app }) => {
    const globals = await app.page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown> & { api: Record<string, unknown> }
      return {
        require: typeof scope['require'],
        process: typeof scope['process'],
        ipcRenderer: typeof scope['ipcRenderer'],
        apiKeys: Object.keys(scope.api).sort(),
        allFunctions: Object.values(scope.api).every((value) => typeof value === 'function'),
        frozen: Object.isFrozen(scope.api),
      }
    })
    expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', allFunctions: true })
    // contextBridge hands the page a copy; the bridge's own object is frozen like createPreloadApi's.
    if (app.runtime === 'chromium-bridge') expect(globals.frozen).toBe(true)
    expect(globals.apiKeys).toEqual([...CHANNELS].sort())
  })
})

test.describe('Electron main process', () => {
  test.beforeEach(({ appRuntime }) => {
    test.skip(appRuntime !== 'electron', 'needs the Electron main process')
  })

  test('the window shows the app over app://, never file://', async ({ app }) => {
    const url = await app.electron!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL())
    expect(url).toMatch(/^app:\/\/cluster-credentials\//)
  })

  test('new windows and navigation away from the app are refused', async ({ app }) => {
    const { page } = app
    const startUrl = page.url()
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true)
    await page.evaluate(() => {
      window.location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(startUrl)
    expect(await app.electron!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
  })

  test('a second instance with the same data folder exits with a clear message', async ({ app }) => {
    const electron = findElectron()
    if (!electron.available) throw new Error(electron.reason)
    const second = spawn(electron.executablePath, [ELECTRON_MAIN_ENTRY, '--test-fast-kdf', `--data-dir=${app.dataDir}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exitCode = await new Promise<number | null>((resolve) => second.on('exit', (code) => resolve(code)))
    expect(exitCode).toBe(0)
    expect(stderr).toMatch(/already running/)
    // The first instance is unaffected.
    await expect(app.page.locator('#app *').first()).toBeVisible()
  })
})

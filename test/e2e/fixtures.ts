/**
 * Fixtures for every e2e spec. The same spec runs in two Playwright projects:
 *
 * - `chromium-bridge`: Debian Chromium + the built renderer + the real handler table and
 *   Core in the test process (see test/bridge/bridgeSession.ts). Always runs.
 * - `electron`: the real desktop app via `_electron.launch` with `--test-fast-kdf` and a
 *   temp `--data-dir`. Skipped, with the reason, when no Electron binary can run here.
 *
 * Usage:
 *
 *   import { test, expect, expectAccessible, OWNER } from './fixtures'
 *
 *   test('does a thing', async ({ app }) => {
 *     const { page } = app                         // already on the app's first screen
 *     await page.getByLabel('Organization name').fill(OWNER.organizationName)
 *     await expectAccessible(page)                 // axe-core, light and dark: 0 violations (once per screen state)
 *   })
 *
 *   test('starts signed in', async ({ app }) => {
 *     await createWorkspace(app)                    // owner OWNER via window.api, then reload
 *     ...
 *   })
 *
 * `app` = { page, dataDir, runtime, clipboard, core, electron, call }:
 * - `clipboard.readText()` reads the clipboard main writes to (in-memory under the
 *   bridge, the system clipboard under Electron); `clipboard.writes()` lists every write
 *   (bridge only: [] under Electron).
 * - `core` is the live Core under the bridge (for seeding or asserting storage state) and
 *   null under Electron: guard with `test.skip(!app.core, 'needs the in-process core')`.
 * - `electron` is the ElectronApplication under the `electron` project, null otherwise.
 * - `call(channel, input)` calls `window.api` in the page and returns the envelope.
 * Each test gets a fresh temp data dir and browser context; uncaught page errors and
 * CSP violations fail the test.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test'
import type * as Axe from 'axe-core'
import type { ElementContext } from 'axe-core'
import type { IpcResponse } from '../../shared/errors'
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract'
import type { Core } from '../../electron/core/core'
import { attachBridge } from '../bridge/bridgeSession'
import { findElectron } from '../bridge/electronBinary'
import { launchBridgeChromium } from '../bridge/launchChromium'
import { BRIDGE_ENTRY_URL, ELECTRON_MAIN_ENTRY } from '../bridge/paths'

export type AppRuntime = 'chromium-bridge' | 'electron'

export interface ClipboardProbe {
  readText(): Promise<string>
  writes(): Promise<string[]>
}

export interface AppHandle {
  page: Page
  dataDir: string
  runtime: AppRuntime
  clipboard: ClipboardProbe
  core: Core | null
  /** The running Electron app under the `electron` project (main-process checks); null under the bridge. */
  electron: ElectronApplication | null
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<IpcResponse<ChannelOutput<C>>>
}

/** The workspace owner most specs use. The passphrase passes the ≥ 12 character policy. */
export const OWNER = {
  organizationName: 'Acme Data',
  displayName: 'Ada Admin',
  email: 'ada@example.com',
  passphrase: 'correct horse battery staple',
} as const

interface Options {
  appRuntime: AppRuntime
}

interface WorkerFixtures {
  bridgeBrowser: BridgeBrowser | null
}

/** One Chromium per worker; each test opens its own context (no storage, history or permission carries over). */
interface BridgeBrowser {
  browser: Browser
  /** Runs a finished test's clean-up without making the test wait; the worker waits for all of them before it ends. */
  cleanUpLater(cleanUp: () => Promise<unknown>): void
}

async function freshDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'cc-e2e-'))
}

function watchForPageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  page.on('console', (message) => {
    // Violations ("Refused to …") and policy mistakes (a directive ignored in <meta>) alike.
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  return problems
}

function callThroughWindowApi(page: Page): AppHandle['call'] {
  return (channel, input) =>
    page.evaluate(
      ([name, payload]) => (globalThis as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api[name]!(payload),
      [channel, input] as const,
    ) as never
}

export const test = base.extend<{ app: AppHandle }, WorkerFixtures & Options>({
  appRuntime: ['chromium-bridge', { option: true, scope: 'worker' }],

  bridgeBrowser: [
    async ({ appRuntime }, use) => {
      if (appRuntime !== 'chromium-bridge') return use(null)
      const browser = await launchBridgeChromium({ headless: true })
      const pending: Promise<unknown>[] = []
      try {
        await use({
          browser,
          cleanUpLater(cleanUp) {
            const done = cleanUp()
            // A failure surfaces when the worker waits for it, not as an unhandled rejection now.
            done.catch(() => undefined)
            pending.push(done)
          },
        })
      } finally {
        await Promise.all(pending)
        await browser.close()
      }
    },
    { scope: 'worker' },
  ],

  app: async ({ appRuntime, bridgeBrowser }, use, testInfo) => {
    if (appRuntime === 'electron') {
      const electron = findElectron()
      testInfo.skip(!electron.available, electron.available ? '' : electron.reason)
      if (!electron.available) return
      const dataDir = await freshDataDir()
      let electronApp: ElectronApplication | null = null
      try {
        electronApp = await _electron.launch({
          executablePath: electron.executablePath,
          args: [ELECTRON_MAIN_ENTRY, '--test-fast-kdf', `--data-dir=${dataDir}`],
        })
        const page = await electronApp.firstWindow()
        const problems = watchForPageProblems(page)
        await page.waitForLoadState('domcontentloaded')
        const runningApp = electronApp
        await use({
          page,
          dataDir,
          runtime: 'electron',
          core: null,
          electron: runningApp,
          clipboard: {
            readText: () => runningApp.evaluate(({ clipboard }) => clipboard.readText()),
            writes: async () => [],
          },
          call: callThroughWindowApi(page),
        })
        expect(problems, 'uncaught page errors or CSP violations').toEqual([])
      } finally {
        await electronApp?.close()
        await rm(dataDir, { recursive: true, force: true })
      }
      return
    }

    if (!bridgeBrowser) throw new Error('The bridge browser was not launched.')
    const dataDir = await freshDataDir()
    const context = await bridgeBrowser.browser.newContext()
    const page = await context.newPage()
    const problems = watchForPageProblems(page)
    const bridge = await attachBridge(page, { dataDir })
    try {
      await page.goto(BRIDGE_ENTRY_URL)
      await use({
        page,
        dataDir,
        runtime: 'chromium-bridge',
        core: bridge.core,
        electron: null,
        clipboard: { readText: async () => bridge.clipboard.readText(), writes: async () => [...bridge.clipboard.writes] },
        call: callThroughWindowApi(page),
      })
      expect(problems, 'uncaught page errors or CSP violations').toEqual([])
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        const logPath = testInfo.outputPath('main.log')
        await writeFile(logPath, bridge.logLines.join('\n'))
        await testInfo.attach('main-log', { path: logPath, contentType: 'text/plain' })
      }
      // In the background: the context first so no call reaches a closed Core, the folder once both are closed.
      bridgeBrowser.cleanUpLater(async () => {
        try {
          await context.close()
        } finally {
          await bridge.close()
          await rm(dataDir, { recursive: true, force: true })
        }
      })
    }
  },
})

export { expect }

/**
 * Page-structure rules that cannot hold while a modal menu or dialog is open: the
 * primitives (Reka UI) mark everything outside the overlay aria-hidden, as they should,
 * so the page's <main> and <h1> disappear from the accessibility tree for that moment.
 */
const RULES_SUSPENDED_BY_OPEN_OVERLAY = ['landmark-one-main', 'page-has-heading-one', 'region']

/**
 * The rules whose outcome depends on the colour scheme. Switching light/dark changes
 * colours only (tokens.css), so structure, names and roles are checked once, in light,
 * and these again in dark.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block']

/**
 * axe-core's browser bundle. It is injected once per page load and run in the page with
 * `axe.run`; @axe-core/playwright re-injected it twice and opened a blank page for every
 * check, which made each check cost seconds and most of the suite's time.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  rule: string
  impact: string | null | undefined
  help: string
  nodes: string[]
}

/** Resolves once no animation (dialog fade-in, menu, toast) is running. */
async function animationsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'))
}

async function runAxe(page: Page, options: { disabledRules: string[]; onlyRules?: string[]; exclude: string[] }): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async ({ disabledRules, onlyRules, exclude }) => {
    const { axe } = globalThis as unknown as { axe: typeof Axe }
    const results = await axe.run({ exclude: exclude.map((selector) => [selector]) } as ElementContext, {
      resultTypes: ['violations'],
      ...(onlyRules ? { runOnly: { type: 'rule', values: onlyRules } } : {}),
      rules: Object.fromEntries(disabledRules.map((rule) => [rule, { enabled: false }])),
    })
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }))
  }, options)
}

/**
 * Runs axe-core on the current page and fails on any violation, listing rule, impact and
 * the offending elements: every rule in the light scheme, the colour rules again in the
 * dark one. Call it once per distinct screen state (a screen, an open dialog, an error
 * shown), not after every step. It waits for running animations to finish first (a
 * contrast check on a half-faded dialog measures the animation, not the design); still
 * wait for the screen's content (e.g. a heading is visible) before calling it. With a
 * menu or dialog open, the page-structure rules above are skipped; everything else
 * still applies.
 */
export async function expectAccessible(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  await animationsSettled(page)
  const overlayOpen = (await page.locator('[role="dialog"]:visible, [role="alertdialog"]:visible, [role="menu"]:visible').count()) > 0
  const disabledRules = overlayOpen ? RULES_SUSPENDED_BY_OPEN_OVERLAY : []
  const exclude = options.exclude ?? []
  try {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme })
      // A scheme switch restarts transitions: measure the settled colours.
      await animationsSettled(page)
      const violations = await runAxe(page, {
        disabledRules,
        exclude,
        ...(colorScheme === 'dark' ? { onlyRules: COLOUR_RULES } : {}),
      })
      expect(violations, `axe-core violations (${colorScheme} scheme) on ${page.url()}`).toEqual([])
    }
  } finally {
    await page.emulateMedia({ colorScheme: null })
  }
}

/** Creates the workspace with {@link OWNER} through `window.api` (signed in afterwards) and reloads the UI. */
export async function createWorkspace(app: AppHandle, owner: typeof OWNER = OWNER): Promise<void> {
  const response = await app.call('workspace.create', { ...owner })
  if (!response.ok) throw new Error(`workspace.create failed: ${response.error.code} ${response.error.message}`)
  await app.page.reload()
}

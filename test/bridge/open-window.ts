/**
 * `npm run ui:chromium`: the app's UI in a visible Chromium window for a person on a
 * machine where Electron cannot start. Same bridge as the e2e suite, but with the
 * production KDF and a data dir that persists between runs.
 *
 *   npm run ui:chromium                          # data in .tmp/ui-chromium
 *   npm run ui:chromium -- --data-dir=/some/dir  # or CC_DATA_DIR=/some/dir
 *   npm run ui:chromium -- --fast-kdf            # test-speed KDF (throwaway data only)
 *
 * Needs a display; on a headless machine run it under Xvfb: `xvfb-run npm run ui:chromium`.
 * (`--headless` runs it without a window, for smoke-testing this script.) It runs until the
 * window is closed or Ctrl-C (SIGINT/SIGTERM); headless, only Ctrl-C stops it.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PRODUCTION_KDF_POLICY, FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { PRODUCTION_PASSWORD_HASHING, FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createLogger, stderrSink } from '../../electron/core/log'
import { resolveDataDir } from '../../electron/main/dataDir'
import { PRODUCTION_BACKUP_SCRYPT_LOG_N } from '../../electron/core/vault/vaultBackupService'
import { attachBridge, FAST_TEST_BACKUP } from './bridgeSession'
import { buildBridgeInitScript } from './buildInitScript'
import { launchBridgeChromium } from './launchChromium'
import { BRIDGE_ENTRY_URL, REPO_ROOT, RENDERER_ROOT } from './paths'

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` first (npm run ui:chromium does it for you).')
  }
  const headless = process.argv.includes('--headless')
  if (!headless && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    throw new Error('No display found. Run it under Xvfb, e.g. `xvfb-run npm run ui:chromium`.')
  }
  const fast = process.argv.includes('--fast-kdf')
  const { dataDir } = resolveDataDir({
    argv: process.argv,
    env: process.env,
    defaultDir: join(REPO_ROOT, '.tmp', 'ui-chromium'),
    cwd: process.cwd(),
  })
  mkdirSync(dataDir, { recursive: true })
  await buildBridgeInitScript()

  const logger = createLogger(stderrSink, 'info')
  const browser = await launchBridgeChromium({ headless })
  const context = await browser.newContext({ viewport: null })
  const page = await context.newPage()
  const bridge = await attachBridge(page, {
    dataDir,
    kdf: fast ? FAST_TEST_KDF : PRODUCTION_KDF_POLICY,
    passwordHashing: fast ? FAST_TEST_PASSWORD_HASHING : PRODUCTION_PASSWORD_HASHING,
    backup: fast ? FAST_TEST_BACKUP : { scryptLogN: PRODUCTION_BACKUP_SCRYPT_LOG_N },
    logger,
  })
  process.stderr.write(
    `Cluster Credentials (Chromium bridge): data in ${dataDir}${fast ? ' — FAST TEST KDF, do not keep real secrets' : ''}\n`,
  )
  await page.goto(BRIDGE_ENTRY_URL)
  await page.locator('h1').first().waitFor()
  process.stderr.write(
    headless
      ? `Serving "${await page.title()}" headless. Press Ctrl-C to quit.\n`
      : `Showing "${await page.title()}". Close the window or press Ctrl-C to quit.\n`,
  )

  const shutdown = async () => {
    await bridge.close()
    await browser.close().catch(() => undefined)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown().then(() => process.exit(0)))
  await new Promise<void>((done) => browser.once('disconnected', () => done()))
  await bridge.close()
}

main().catch((error: unknown) => {
  process.stderr.write(`ui:chromium failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

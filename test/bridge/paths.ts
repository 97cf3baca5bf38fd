/** Fixed locations and launch settings shared by the bridge, the e2e fixtures and the manual window. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const RENDERER_ROOT = join(REPO_ROOT, 'out', 'renderer')
export const BRIDGE_OUT_DIR = join(REPO_ROOT, 'out', 'bridge')
export const BRIDGE_INIT_SCRIPT = join(BRIDGE_OUT_DIR, 'install-api.js')
export const ELECTRON_MAIN_ENTRY = join(REPO_ROOT, 'out', 'main', 'index.js')

/**
 * Chromium cannot navigate to an unregistered custom scheme, so the bridge serves the
 * renderer on an http origin that never reaches the network: every request to it is
 * fulfilled by `page.route`, every other request is aborted. `.localhost` names always
 * resolve to loopback, so even a missed route could not leave the machine.
 */
export const BRIDGE_ORIGIN = 'http://cluster-credentials.localhost'
export const BRIDGE_ENTRY_URL = `${BRIDGE_ORIGIN}/index.html`

/**
 * Debian's Chromium builds. Headless runs (e2e, screenshots) use `chromium-headless-shell`,
 * the same Chromium without the desktop browser around it, where it is installed: on a
 * 2-core machine it takes about a third less CPU per test than `chromium --headless`, which
 * kept the Playwright run over two minutes. A window (`npm run ui:chromium`) needs the full
 * browser. `CC_CHROMIUM_PATH` overrides both.
 */
const CHROMIUM_EXECUTABLE = '/usr/bin/chromium'
const CHROMIUM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell'

export function chromiumExecutable(options: { headless: boolean }): string {
  const override = process.env['CC_CHROMIUM_PATH']
  if (override) return override
  return options.headless && existsSync(CHROMIUM_HEADLESS_SHELL) ? CHROMIUM_HEADLESS_SHELL : CHROMIUM_EXECUTABLE
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

/**
 * Finds a runnable Electron for the e2e `electron` project WITHOUT requiring the
 * `electron` package: its index.js downloads the binary when it is missing, which must
 * never happen inside a test run. Mirrors that file's lookup (path.txt, dist/,
 * ELECTRON_OVERRIDE_DIST_PATH) and explains precisely why Electron cannot run instead.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ELECTRON_MAIN_ENTRY, REPO_ROOT } from './paths'

export type ElectronAvailability = { available: true; executablePath: string } | { available: false; reason: string }

export function findElectron(env: NodeJS.ProcessEnv = process.env): ElectronAvailability {
  const packageDir = join(REPO_ROOT, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  const relativeBinary = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  let executablePath: string
  const override = env['ELECTRON_OVERRIDE_DIST_PATH']
  if (override) {
    executablePath = join(override, relativeBinary ?? 'electron')
    if (!existsSync(executablePath)) {
      return unavailable(`ELECTRON_OVERRIDE_DIST_PATH is set but ${executablePath} does not exist`)
    }
  } else {
    if (!relativeBinary) return unavailable('node_modules/electron/path.txt is missing: the Electron binary was never downloaded')
    executablePath = join(packageDir, 'dist', relativeBinary)
    if (!existsSync(executablePath)) return unavailable(`${executablePath} does not exist`)
  }
  if (process.platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return unavailable('no display: run the suite under `xvfb-run` to include Electron')
  }
  if (!existsSync(ELECTRON_MAIN_ENTRY)) return unavailable('out/main/index.js is missing: run `npm run build`')
  if (!hasElectronNativeBinding()) {
    return unavailable('better-sqlite3 is not built for Electron: run `node scripts/prepare-electron-native.mjs`')
  }
  return { available: true, executablePath }
}

function hasElectronNativeBinding(): boolean {
  const nativeDir = join(REPO_ROOT, '.native')
  if (!existsSync(nativeDir)) return false
  return readdirSync(nativeDir).some((entry) => entry.startsWith('electron-') && existsSync(join(nativeDir, entry, 'better_sqlite3.node')))
}

function unavailable(detail: string): ElectronAvailability {
  return { available: false, reason: `Electron binary not available on this machine (${detail})` }
}

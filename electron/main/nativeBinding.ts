/**
 * better-sqlite3 is a native addon and Node (vitest, the bridge) and Electron have
 * different ABIs. node_modules keeps the Node build; scripts/prepare-electron-native.mjs
 * puts an Electron build in `.native/electron-<version>-<abi>/` and main hands that path
 * to better-sqlite3 as `nativeBinding`. Electron-free; keep the folder naming in sync
 * with the script (a unit test checks both).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const NATIVE_ADDON_FILE = 'better_sqlite3.node'

export function electronNativeDir(projectRoot: string, electronVersion: string, abi: string): string {
  return join(projectRoot, '.native', `electron-${electronVersion}-${abi}`)
}

/** The addon for this Electron, or null when it was never prepared. */
export function findElectronNativeBinding(projectRoot: string, electronVersion: string, abi: string): string | null {
  const candidate = join(electronNativeDir(projectRoot, electronVersion, abi), NATIVE_ADDON_FILE)
  return existsSync(candidate) ? candidate : null
}

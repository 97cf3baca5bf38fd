#!/usr/bin/env node
/**
 * Makes sure the Electron binary is downloaded before `npm start` / `npm run dev`.
 *
 * The `electron` package fetches its binary in an install script, and npm 11 runs
 * install scripts only for packages listed in package.json `allowScripts` — electron is
 * deliberately not, so that `npm ci` (tests, CI) never needs to download Electron. The
 * desktop app fetches it here instead, on first start. Needs network access once.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(projectRoot, 'node_modules', 'electron')

function log(message) {
  process.stderr.write(`[ensure-electron] ${message}\n`)
}

function installedBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

function main() {
  if (process.env.ELECTRON_EXEC_PATH || process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    log('using the Electron named by ELECTRON_EXEC_PATH / ELECTRON_OVERRIDE_DIST_PATH')
    return 0
  }
  if (!existsSync(join(electronDir, 'package.json'))) {
    log('FAILED: node_modules/electron is missing: run `npm install` first.')
    return 1
  }
  const existing = installedBinary()
  if (existing) return 0

  log('downloading the Electron binary (first start only)…')
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'inherit' })
  const binary = installedBinary()
  if (result.status === 0 && binary) {
    log(`ready: ${binary}`)
    return 0
  }
  log('FAILED: could not download Electron (it comes from GitHub releases; a mirror can be set')
  log('with ELECTRON_MIRROR). Without Electron, `npm run ui:chromium` shows the same UI in Chromium.')
  return 1
}

process.exitCode = main()

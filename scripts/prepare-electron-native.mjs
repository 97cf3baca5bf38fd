#!/usr/bin/env node
/**
 * Makes a better-sqlite3 addon built for Electron's ABI available to `npm start`.
 *
 * node_modules/better-sqlite3/build stays the Node build (vitest, the Chromium bridge);
 * this script never touches it. It puts the Electron build in
 * `.native/electron-<version>-<abi>/better_sqlite3.node`, which electron/main passes to
 * better-sqlite3 as `nativeBinding`. Order of attempts, each in a throwaway copy of the
 * package:
 *   1. prebuild-install --runtime electron --target <version>  (downloads a prebuilt binary)
 *   2. node-gyp rebuild --target=<version> --dist-url=https://electronjs.org/headers
 *      (downloads Electron's headers and compiles; needs python3, make and a C++ compiler)
 * Both need the network once. On failure it says what was tried and exits non-zero.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ADDON_FILE = 'better_sqlite3.node'

/** Keep in sync with electron/main/nativeBinding.ts (a unit test compares them). */
export function electronNativeDirName(electronVersion, abi) {
  return `electron-${electronVersion}-${abi}`
}

function log(message) {
  process.stderr.write(`[prepare-electron-native] ${message}\n`)
}

function readElectron(projectRoot) {
  const electronDir = join(projectRoot, 'node_modules', 'electron')
  const packageJson = join(electronDir, 'package.json')
  if (!existsSync(packageJson)) throw new Error('node_modules/electron is missing: run `npm install` first.')
  const version = JSON.parse(readFileSync(packageJson, 'utf8')).version
  const abiFile = join(electronDir, 'abi_version')
  if (!existsSync(abiFile)) throw new Error(`${abiFile} is missing: cannot tell which ABI Electron ${version} needs.`)
  const abi = readFileSync(abiFile, 'utf8').trim()
  return { version, abi }
}

/** A scratch copy of the package without its build folder, so the original is never modified. */
function scratchCopy(packageDir) {
  const scratch = mkdtempSync(join(tmpdir(), 'cc-better-sqlite3-'))
  const copy = join(scratch, 'better-sqlite3')
  cpSync(packageDir, copy, { recursive: true, filter: (source) => !source.startsWith(join(packageDir, 'build')) })
  return { scratch, copy }
}

function run(label, command, args, cwd, timeoutMs) {
  log(`${label}: ${[command, ...args].map((part) => (part.includes(' ') ? JSON.stringify(part) : part)).join(' ')}`)
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', timeout: timeoutMs, env: process.env })
  if (result.error) return `${label} could not run (${result.error.message})`
  if (result.status !== 0) return `${label} exited with ${result.status ?? result.signal}`
  return null
}

function findNodeGyp() {
  // npm ships node-gyp; prefer the one of the npm running this script, then any installed one.
  const candidates = []
  if (process.env.npm_execpath)
    candidates.push(join(dirname(dirname(process.env.npm_execpath)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  candidates.push(join(dirname(dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  try {
    candidates.push(createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js'))
  } catch {
    // not installed locally
  }
  return candidates.find((candidate) => existsSync(candidate)) ?? null
}

function attemptBuild(projectRoot, electron) {
  const packageDir = join(projectRoot, 'node_modules', 'better-sqlite3')
  if (!existsSync(join(packageDir, 'package.json'))) throw new Error('node_modules/better-sqlite3 is missing: run `npm install` first.')
  const failures = []

  const attempts = [
    {
      label: 'prebuild-install',
      command: () => {
        const bin = join(projectRoot, 'node_modules', 'prebuild-install', 'bin.js')
        if (!existsSync(bin)) return { skip: 'prebuild-install is not installed' }
        return {
          args: [
            bin,
            '--runtime',
            'electron',
            '--target',
            electron.version,
            '--arch',
            process.arch,
            '--platform',
            process.platform,
            '--verbose',
          ],
          timeoutMs: 180_000,
        }
      },
    },
    {
      label: 'node-gyp',
      command: () => {
        const nodeGyp = findNodeGyp()
        if (!nodeGyp) return { skip: 'node-gyp was not found (it ships with npm)' }
        return {
          args: [
            nodeGyp,
            'rebuild',
            '--release',
            `--target=${electron.version}`,
            `--arch=${process.arch}`,
            '--dist-url=https://electronjs.org/headers',
          ],
          timeoutMs: 900_000,
        }
      },
    },
  ]

  for (const attempt of attempts) {
    const plan = attempt.command()
    if (plan.skip) {
      failures.push(`${attempt.label}: ${plan.skip}`)
      continue
    }
    const { scratch, copy } = scratchCopy(packageDir)
    try {
      const failure = run(attempt.label, process.execPath, plan.args, copy, plan.timeoutMs)
      const built = join(copy, 'build', 'Release', ADDON_FILE)
      if (!failure && existsSync(built)) return { built: copyOut(built, projectRoot, electron), failures }
      failures.push(failure ?? `${attempt.label}: finished but produced no ${ADDON_FILE}`)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }
  return { built: null, failures }
}

function copyOut(built, projectRoot, electron) {
  const targetDir = join(projectRoot, '.native', electronNativeDirName(electron.version, electron.abi))
  mkdirSync(targetDir, { recursive: true })
  const target = join(targetDir, ADDON_FILE)
  // Copy then rename: a half-written addon must never be picked up by a starting app.
  const partial = `${target}.partial-${process.pid}`
  copyFileSync(built, partial)
  renameSync(partial, target)
  return target
}

export function main(projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')) {
  const electron = readElectron(projectRoot)
  const target = join(projectRoot, '.native', electronNativeDirName(electron.version, electron.abi), ADDON_FILE)
  if (existsSync(target)) {
    log(`ready: ${target}`)
    return 0
  }
  log(`building better-sqlite3 for Electron ${electron.version} (ABI ${electron.abi}, ${process.platform}-${process.arch})`)
  const { built, failures } = attemptBuild(projectRoot, electron)
  if (built) {
    log(`ready: ${built}`)
    return 0
  }
  log('FAILED: could not get better-sqlite3 for Electron.')
  for (const failure of failures) log(`  - ${failure}`)
  log('Both ways need network access once (a prebuilt binary from GitHub, or Electron headers from electronjs.org),')
  log('and node-gyp also needs python3, make and a C++ compiler. Fix that and run `npm start` again.')
  log('Tests do not need this step: `npm test` uses the Node build and the Chromium bridge.')
  return 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main()
  } catch (error) {
    log(`FAILED: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}

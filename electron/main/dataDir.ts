/**
 * Where the workspace lives: the platform's per-user app data folder unless a
 * `--data-dir=<path>` switch or the CC_DATA_DIR environment variable says otherwise
 * (tests, portable installs). The switch wins over the variable. Electron-free.
 */
import { isAbsolute, resolve } from 'node:path'

export const DATA_DIR_SWITCH = 'data-dir'
export const DATA_DIR_ENV = 'CC_DATA_DIR'

export function dataDirFromArgv(argv: readonly string[]): string | null {
  const prefix = `--${DATA_DIR_SWITCH}=`
  for (const arg of argv) {
    if (arg === '--') break
    if (arg.startsWith(prefix)) {
      const value = arg.slice(prefix.length).trim()
      return value === '' ? null : value
    }
  }
  return null
}

export function resolveDataDir(options: {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  defaultDir: string
  cwd: string
}): { dataDir: string; source: 'switch' | 'env' | 'default' } {
  const fromSwitch = dataDirFromArgv(options.argv)
  if (fromSwitch) return { dataDir: absolute(fromSwitch, options.cwd), source: 'switch' }
  const fromEnv = options.env[DATA_DIR_ENV]?.trim()
  if (fromEnv) return { dataDir: absolute(fromEnv, options.cwd), source: 'env' }
  return { dataDir: options.defaultDir, source: 'default' }
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path)
}

/**
 * One app per data folder (electron/main/singleInstance.ts): Electron's single-instance
 * lock lives in the data folder, where Chromium keeps it as a `SingletonLock` symlink whose
 * target is `<hostname>-<pid>`. The command line only reads it: it waits briefly for an app
 * that is closing, then refuses clearly, and never takes or breaks the app's lock (Chromium
 * would treat a foreign holder as a hung app). A lock left by a process that is gone, or by
 * another host, does not count, as Chromium does not count it either. (Windows keeps the
 * lock as a mutex outside the folder; there the command line relies on SQLite's locking.)
 */
import { readlinkSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { AppError } from '@shared/errors'

export const APP_LOCK_FILE = 'SingletonLock'

/** The pid of the app holding `dataDir` on this host, or null when it is free. */
export function appHoldingFolder(dataDir: string): number | null {
  let target: string
  try {
    target = readlinkSync(join(dataDir, APP_LOCK_FILE))
  } catch {
    return null
  }
  const separator = target.lastIndexOf('-')
  if (separator <= 0) return null
  const host = target.slice(0, separator)
  const pid = Number(target.slice(separator + 1))
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0) return null
  return isAlive(pid) ? pid : null
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else; it still holds the folder.
    return (error as { code?: unknown }).code === 'EPERM'
  }
}

export interface WaitOptions {
  waitMs: number
  pollMs: number
  sleep?: (ms: number) => Promise<void>
}

/** Resolves once no app holds the folder; throws WORKSPACE_IN_USE after `waitMs`. */
export async function waitForFolder(dataDir: string, options: WaitOptions): Promise<void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const deadline = Date.now() + options.waitMs
  for (;;) {
    const pid = appHoldingFolder(dataDir)
    if (pid === null) return
    if (Date.now() >= deadline) {
      throw new AppError(
        'WORKSPACE_IN_USE',
        `Cluster Credentials is running with the data folder "${dataDir}" (process ${pid}). ` +
          'Close the app, or use it instead, then run the command again. Nothing was changed.',
      )
    }
    await sleep(options.pollMs)
  }
}

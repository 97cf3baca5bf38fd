/**
 * Turns a failure before the window opens into a native error box a person can act on.
 * Each message says what happened, that nothing was changed, and what to do. The data
 * folder is never touched on these paths. Electron-free so the mapping is unit-tested.
 */
import { isAppError } from '@shared/errors'

export interface StartupFailure {
  title: string
  message: string
  /** Stable reason for the log. */
  reason: 'STORAGE_UNAVAILABLE' | 'SCHEMA_TOO_NEW' | 'NATIVE_MODULE' | 'UNEXPECTED'
}

const NOTHING_CHANGED = 'Nothing was changed.'

function withNothingChanged(message: string): string {
  return message.includes(NOTHING_CHANGED) ? message : `${message} ${NOTHING_CHANGED}`
}

export function describeStartupFailure(error: unknown, context: { dataDir: string; logFile: string | null }): StartupFailure {
  const where = context.logFile ? ` Details are in ${context.logFile}.` : ''
  if (isAppError(error) && error.code === 'SCHEMA_TOO_NEW') {
    return {
      reason: 'SCHEMA_TOO_NEW',
      title: 'Workspace from a newer version',
      message: withNothingChanged(error.message),
    }
  }
  if (isAppError(error) && error.code === 'STORAGE_UNAVAILABLE') {
    return {
      reason: 'STORAGE_UNAVAILABLE',
      title: 'Data folder unavailable',
      message: `${withNothingChanged(error.message)} To use another folder, start the app with --data-dir=<folder>.${where}`,
    }
  }
  if (isAppError(error) && error.code === 'NATIVE_MODULE_UNAVAILABLE') {
    return {
      reason: 'NATIVE_MODULE',
      title: 'Database module not built for this runtime',
      message:
        'The SQLite module (better-sqlite3) is not built for this version of Electron. ' +
        `Run \`npm start\`, which prepares it, or \`node scripts/prepare-electron-native.mjs\`. ${NOTHING_CHANGED}${where}`,
    }
  }
  return {
    reason: 'UNEXPECTED',
    title: 'Cluster Credentials could not start',
    message: `An unexpected error stopped the start-up (data folder: ${context.dataDir}). ${NOTHING_CHANGED}${where}`,
  }
}

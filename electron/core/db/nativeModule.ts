/**
 * Recognises a better-sqlite3 addon that cannot be loaded: built for another ABI (Node
 * vs. Electron), missing, or not an addon at all. These say nothing about the data
 * folder, so they must not be reported as STORAGE_UNAVAILABLE: the fix is a rebuild.
 */
import { AppError } from '@shared/errors'

/** Messages from Node, the `bindings` package and the OS loader when the addon is unusable. */
const LOAD_ERROR_MESSAGE =
  /NODE_MODULE_VERSION|was compiled against a different Node\.js version|Could not locate the bindings file|better_sqlite3\.node|invalid ELF header|not a valid Win32 application/i

/**
 * `nativeBinding`: whether a path to the addon was given. Then a MODULE_NOT_FOUND from the
 * constructor can only be that file (it requires nothing else); ERR_DLOPEN_FAILED is
 * always the addon, since it is the only native code the constructor loads.
 */
export function isNativeModuleLoadFailure(error: unknown, nativeBinding: boolean): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (code === 'ERR_DLOPEN_FAILED') return true
  if (code === 'MODULE_NOT_FOUND' && nativeBinding) return true
  return typeof message === 'string' && LOAD_ERROR_MESSAGE.test(message)
}

/**
 * INTERNAL, not a new code: the renderer never sees this (the app cannot start without
 * its database), and main's start-up dialog recognises it by naming the addon file.
 */
export function nativeModuleUnavailable(): AppError {
  return new AppError(
    'INTERNAL',
    'The SQLite module better-sqlite3 (better_sqlite3.node) could not be loaded: it is missing or was built for ' +
      'a different Node.js or Electron version. To run the app, start it with `npm start`, which prepares an ' +
      'Electron build; for tests and tools under Node, run `npm rebuild better-sqlite3`. Nothing was changed.',
  )
}

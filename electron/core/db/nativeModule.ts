/**
 * Recognises a better-sqlite3 addon that cannot be loaded: built for another ABI (Node
 * vs. Electron), missing, or not an addon at all. These say nothing about the data
 * folder, so they must not be reported as STORAGE_UNAVAILABLE: the fix is a rebuild.
 *
 * Recognised by Node's error codes only, never by message text (messages differ between
 * Node, Electron and operating systems). That works because the core always hands
 * better-sqlite3 an explicit addon path ({@link defaultNativeBinding} when the caller gives
 * none), so the `bindings` package, whose "Could not locate the bindings file" error has
 * no code, is never involved.
 */
import { createRequire } from 'node:module'
import { AppError } from '@shared/errors'

const ADDON_MODULE = 'better-sqlite3/build/Release/better_sqlite3.node'

/**
 * Node codes for an addon that cannot be loaded from the explicit path: ERR_DLOPEN_FAILED
 * (another ABI, not an addon, a missing shared library) and MODULE_NOT_FOUND (no file; the
 * constructor requires nothing else once it has a path).
 */
const LOAD_FAILURE_CODES: ReadonlySet<unknown> = new Set(['ERR_DLOPEN_FAILED', 'MODULE_NOT_FOUND'])

export function isNativeModuleLoadFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && LOAD_FAILURE_CODES.has((error as { code?: unknown }).code)
}

/**
 * The addon npm built for this Node, as a path for better-sqlite3's `nativeBinding`;
 * throws MODULE_NOT_FOUND (recognised above) when it was never built.
 */
export function defaultNativeBinding(): string {
  return createRequire(import.meta.url).resolve(ADDON_MODULE)
}

/**
 * NATIVE_MODULE_UNAVAILABLE: the renderer never sees it (the app cannot start without its
 * database); main's start-up dialog and the command line recognise it by this code.
 */
export function nativeModuleUnavailable(): AppError {
  return new AppError(
    'NATIVE_MODULE_UNAVAILABLE',
    'The SQLite module better-sqlite3 (better_sqlite3.node) could not be loaded: it is missing or was built for ' +
      'a different Node.js or Electron version. To run the app, start it with `npm start`, which prepares an ' +
      'Electron build; for tests and tools under Node, run `npm rebuild better-sqlite3`. Nothing was changed.',
  )
}

/**
 * `--test-fast-kdf` lets the Electron e2e use the deliberately fast KDF and password
 * hashing. It is honoured only in an unpackaged (development) run, and whoever passes
 * it gets told loudly; a packaged app ignores it and keeps production costs.
 */
export const FAST_KDF_SWITCH = '--test-fast-kdf'

export type FastKdfDecision = 'production' | 'fast-test' | 'refused-packaged'

export function decideKdf(argv: readonly string[], isPackaged: boolean): FastKdfDecision {
  if (!argv.includes(FAST_KDF_SWITCH)) return 'production'
  return isPackaged ? 'refused-packaged' : 'fast-test'
}

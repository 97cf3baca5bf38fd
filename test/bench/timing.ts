/** Timing helpers shared by the benches. */
import type { KeyDeriver } from '../../electron/core/crypto/kdfWorker'

/** Wraps the real key derivation so each call's time is reported (the KDF share of a sign-in). */
export function timedDeriver(derive: KeyDeriver, onElapsed: (ms: number) => void): KeyDeriver {
  return async (...args) => {
    const started = performance.now()
    try {
      return await derive(...args)
    } finally {
      onElapsed(performance.now() - started)
    }
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

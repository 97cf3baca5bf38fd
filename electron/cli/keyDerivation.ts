/**
 * The command line's one key-derivation worker. Every command signs in, so the entry
 * starts it first thing: its libsodium is loaded by the time the passphrase and the
 * account's stored salt are (earlyKdf.ts), instead of after.
 */
import { setFlagsFromString } from 'node:v8'
import { createWorkerKeyDeriver, type WorkerKeyDeriver } from '../core/crypto/kdfWorker'

let shared: WorkerKeyDeriver | null = null

export function commandLineKeyDeriver(): WorkerKeyDeriver {
  return (shared ??= createWorkerKeyDeriver())
}

/**
 * Starts the worker. A command derives exactly once, so V8's baseline WASM compiler
 * (Liftoff) only slows it: Argon2id runs on baseline code until the optimised code is
 * ready. Compiling libsodium optimised from the start costs ~20 ms more at load (in the
 * worker, while the main thread loads the rest) and saves ~70 ms of the derivation
 * (measured on the 128 MiB, t=2 production parameters; README "Performance"). Set before
 * any WASM is compiled in this process; the app itself is not affected.
 */
export function startKeyDerivationWorker(): void {
  setFlagsFromString('--no-liftoff')
  commandLineKeyDeriver().warmUp()
}

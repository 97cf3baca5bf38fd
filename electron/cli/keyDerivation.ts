/**
 * The command line's one key-derivation worker. Every command signs in, so the entry
 * starts it first thing (warmUp): its libsodium is loaded by the time the passphrase and
 * the account's stored salt are (earlyKdf.ts), instead of after.
 */
import { createWorkerKeyDeriver, type WorkerKeyDeriver } from '../core/crypto/kdfWorker'

let shared: WorkerKeyDeriver | null = null

export function commandLineKeyDeriver(): WorkerKeyDeriver {
  return (shared ??= createWorkerKeyDeriver())
}

/**
 * The `cluster-credentials` / `ccred` binary (bin/cluster-credentials.mjs loads the build
 * of this file). Production costs only: the KDF is calibrated and cluster passwords get
 * the production Argon2id cost; there is no switch to weaken them.
 */
import { startKeyDerivationWorker } from './keyDerivation'

/** How long a closing app gets to release the data folder before the command refuses. */
const LOCK_WAIT_MS = 3_000

// First, so the worker loads libsodium while the rest of the command line loads (not for help,
// which signs nobody in).
const args = process.argv.slice(2)
if (args.length > 0 && !args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help')) startKeyDerivationWorker()
const [{ runCli }, { PRODUCTION_KDF_POLICY }, { PRODUCTION_PASSWORD_HASHING }] = await Promise.all([
  import('./program'),
  import('../core/crypto/kdf'),
  import('../core/crypto/passwordHash'),
])

process.exitCode = await runCli(process.argv, {
  kdf: PRODUCTION_KDF_POLICY,
  passwordHashing: PRODUCTION_PASSWORD_HASHING,
  lockWaitMs: LOCK_WAIT_MS,
})

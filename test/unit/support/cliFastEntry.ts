/**
 * TEST ONLY: the command line built with the deliberately fast KDF and password hashing
 * (and backup scrypt), and a short wait for the app's lock, passed explicitly as the test bridge does. The
 * shipped binary (electron/cli/index.ts) has production costs and no switch to change them.
 */
import { FAST_TEST_KDF } from '../../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../../electron/core/crypto/passwordHash'
import { startKeyDerivationWorker } from '../../../electron/cli/keyDerivation'

// As the shipped entry does: the worker first, the rest while it starts.
startKeyDerivationWorker()
const { runCli } = await import('../../../electron/cli/program')

process.exitCode = await runCli(process.argv, {
  kdf: FAST_TEST_KDF,
  passwordHashing: FAST_TEST_PASSWORD_HASHING,
  lockWaitMs: 600,
  // age's scrypt at its cheapest useful cost, as the other backup tests pass it.
  backup: { scryptLogN: 10 },
})

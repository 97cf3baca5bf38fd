/**
 * One command's session with the workspace: wait for the app to let go of the folder,
 * open the core, sign in by email with a passphrase from a safe source, run the work
 * through the app's own dispatcher and handler table, then sign out and close. Every rule,
 * audit row and error code is therefore the app's.
 *
 * This half is light on purpose: the key derivation starts (earlyKdf.ts) before the
 * heavier half (workspaceCore.ts: zod, the contract, the core's services) is even loaded.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/errors'
import type { SessionInfo } from '@shared/ipc/contract'
import { DATABASE_FILE_NAME } from '../core/coreDeps'
import { waitForFolder } from './appLock'
import { startEarlyKdf } from './earlyKdf'
import { readSecret } from './secretInput'
import { startSpinner } from './spinner'
import type { CliRuntime, SignedIn, SignInOptions } from './types'

export async function withSignedInWorkspace<T>(
  runtime: CliRuntime,
  dataDir: string,
  signIn: SignInOptions,
  work: (signedIn: SignedIn) => Promise<T>,
): Promise<T> {
  if (!signIn.email)
    throw new AppError('INVALID_INPUT', 'Say who signs in: --email <address> (or the CC_EMAIL environment variable).', { field: 'email' })
  const email = signIn.email
  // Ask for the passphrase before opening anything, so a prompt never holds the database open.
  const passphrase = await readSecret(signIn.passphrase, 'passphrase')
  const databaseFile = join(dataDir, DATABASE_FILE_NAME)
  if (!existsSync(databaseFile)) {
    throw new AppError(
      'NO_WORKSPACE',
      `There is no workspace in "${dataDir}". Create one in the app first, or pass --data-dir. Nothing was changed.`,
    )
  }
  await waitForFolder(dataDir, { waitMs: runtime.lockWaitMs, pollMs: 100 })
  const early = startEarlyKdf(databaseFile, email, passphrase)
  try {
    const { withCore } = await import('./workspaceCore')
    return await withCore(runtime, dataDir, early.derive, async (call) => {
      const accounts = await call('accounts.listForSignIn', {})
      const account = accounts.find((candidate) => candidate.email.toLowerCase() === email.trim().toLowerCase())
      if (!account)
        throw new AppError('UNAUTHENTICATED', `No active account with the email "${email}" in this workspace.`, { field: 'email' })
      const spinner = startSpinner('Signing in (deriving the key)…', signIn.spinner)
      let session: SessionInfo
      try {
        session = await call('session.signIn', { accountId: account.id, passphrase })
      } finally {
        await spinner.stop()
      }
      try {
        return await work({ call, session })
      } finally {
        await call('session.signOut', {}).catch(() => undefined)
      }
    })
  } finally {
    await early.close()
  }
}

/**
 * One command's session with the workspace: wait for the app to let go of the folder,
 * open the core, sign in by email with a passphrase from a safe source, run the work
 * through the app's own dispatcher and handler table, then sign out and close. Every rule,
 * audit row and error code is therefore the app's.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, type IpcResponse } from '@shared/errors'
import type { Channel } from '@shared/ipc/channels'
import type { ChannelInput, ChannelOutput, SessionInfo } from '@shared/ipc/contract'
import { createCore, DATABASE_FILE_NAME, type Core } from '../core/core'
import type { KdfPolicy } from '../core/crypto/kdf'
import type { PasswordHashingPolicy } from '../core/crypto/passwordHash'
import type { VaultBackupOptions } from '../core/vault/vaultBackupService'
import { createLogger } from '../core/log'
import { createLocalDispatcher, type LocalDispatch } from '../main/ipc/dispatch'
import { handlers } from '../main/ipc/handlers/index'
import { createFileSink, LOG_FILE_NAME } from '../main/logFile'
import { waitForFolder } from './appLock'
import { readSecret, type SecretSource } from './secretInput'
import { startSpinner } from './spinner'

/** How the binary is built: production policies, or the test build's explicit fast ones. */
export interface CliRuntime {
  kdf: KdfPolicy
  passwordHashing: PasswordHashingPolicy
  /** How long to wait for a closing app to release the data folder. */
  lockWaitMs: number
  /** Backup encryption cost: age's default unless the test build passes a cheaper one explicitly. */
  backup?: VaultBackupOptions
}

export interface SignInOptions {
  email: string | undefined
  passphrase: SecretSource
  /** Spinner while the KDF runs (TTY only). */
  spinner: boolean
}

/** A typed call over the dispatcher: the value, or the AppError the app would have shown. */
export type Call = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>

export interface SignedIn {
  call: Call
  session: SessionInfo
}

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
  return withWorkspace(runtime, dataDir, async (call) => {
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
}

async function withWorkspace<T>(runtime: CliRuntime, dataDir: string, work: (call: Call) => Promise<T>): Promise<T> {
  if (!existsSync(join(dataDir, DATABASE_FILE_NAME))) {
    throw new AppError(
      'NO_WORKSPACE',
      `There is no workspace in "${dataDir}". Create one in the app first, or pass --data-dir. Nothing was changed.`,
    )
  }
  await waitForFolder(dataDir, { waitMs: runtime.lockWaitMs, pollMs: 100 })
  const logSink = createFileSink(join(dataDir, LOG_FILE_NAME))
  const logger = createLogger(logSink, 'info')
  let core: Core | null = null
  try {
    logger.info('cli.starting', { pid: process.pid })
    core = await createCore({
      dataDir,
      kdf: runtime.kdf,
      passwordHashing: runtime.passwordHashing,
      logger,
      ...(runtime.backup ? { backup: runtime.backup } : {}),
    })
    const dispatch = createLocalDispatcher({ core, handlers, ports: commandLinePorts(), logger })
    return await work(typedCall(dispatch))
  } finally {
    core?.close()
    logger.info('cli.done', { pid: process.pid })
    logSink.close()
  }
}

function typedCall(dispatch: LocalDispatch): Call {
  return async (channel, input) => {
    const response = (await dispatch(channel, input)) as IpcResponse<never>
    if (response.ok) return response.value
    throw new AppError(response.error.code, response.error.message, {
      ...(response.error.field === undefined ? {} : { field: response.error.field }),
      ...(response.error.retryAfterMs === undefined ? {} : { retryAfterMs: response.error.retryAfterMs }),
    })
  }
}

/** The command line has no clipboard: secrets go to stdout, shown once (see commands). */
function commandLinePorts() {
  return {
    copySecretToClipboard(): void {
      throw new AppError('INVALID_INPUT', 'The command line has no clipboard; the secret is printed instead.')
    },
  }
}

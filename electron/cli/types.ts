/** The types the command line's modules share (kept apart so the lazily loaded half imports no caller). */
import type { Channel } from '@shared/ipc/channels'
import type { ChannelInput, ChannelOutput, SessionInfo } from '@shared/ipc/contract'
import type { KdfPolicy } from '../core/crypto/kdf'
import type { PasswordHashingPolicy } from '../core/crypto/passwordHash'
import type { VaultBackupOptions } from '../core/vault/vaultBackupService'
import type { SecretSource } from './secretInput'

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

/**
 * Workspace creation, sign-in, sign-out and passphrase changes for account users.
 *
 * Each account has a random 32-byte account key, wrapped under an Argon2id key derived
 * from the passphrase. Signing in means the key unwrapped; the key then lives only in the
 * SessionState of main, and callers (ultimately the renderer) only get a SessionInfo.
 * A passphrase change re-wraps that same key and re-encrypts nothing else.
 */
import { AppError } from '@shared/errors'
import type { AccountSummary, SessionInfo } from '@shared/ipc/contract'
import type { CoreDeps } from '../core'
import { resolveKdfParams, type CalibrationProgress, type KdfParams } from '../crypto/kdf'
import { newAccountKey } from '../crypto/keyWrap'
import type { LogFields } from '../log'
import type { Actor } from '../session'
import { findAccount, findOrganization, listActiveAccounts, listProjectRoles, type AccountRecord } from './accountRecords'
import { requireAcceptablePassphrase, requireEmail, requireName } from './accountInput'
import { newId } from './ids'
import { openAccountKey, readKeyMaterial, sealAccountKey, writeKeyMaterial } from './keyMaterial'
import { SignInThrottle } from './throttle'

export interface WorkspaceStatus {
  workspace: { organizationName: string } | null
  session: SessionInfo | null
  /** Present only while locked, so the common answer keeps its shape. */
  locked?: { account: AccountSummary }
}

export interface CreateWorkspaceInput {
  organizationName: string
  displayName: string
  email: string
  passphrase: string
}

/** Same text for unknown and pending accounts, so it tells nothing beyond the sign-in list. */
const CANNOT_SIGN_IN = 'This account cannot sign in here. Choose an account from the list.'

export class AccountService {
  readonly #deps: CoreDeps
  readonly #throttle: SignInThrottle
  /**
   * Passphrase checks run one at a time: the derivation awaits a worker, and attempts in
   * parallel must not all pass the throttle before the first failure is counted.
   */
  #unlockQueue: Promise<unknown> = Promise.resolve()

  constructor(deps: CoreDeps) {
    this.#deps = deps
    this.#throttle = new SignInThrottle(deps.db, deps.clock)
  }

  status(): WorkspaceStatus {
    const organization = findOrganization(this.#deps.db)
    const locked = this.#lockedAccount()
    return {
      workspace: organization ? { organizationName: organization.name } : null,
      session: this.#currentSessionInfo(),
      ...(locked ? { locked } : {}),
    }
  }

  /** First run: the organization and its first account, an Organization Owner, then signs in. */
  async createWorkspace(input: CreateWorkspaceInput, onCalibration?: CalibrationProgress): Promise<SessionInfo> {
    const { db, sodium } = this.#deps
    this.#assertNoWorkspace()
    const organizationName = requireName(input.organizationName, 'organizationName', 'Organization name')
    const displayName = requireName(input.displayName, 'displayName', 'Your name')
    const email = requireEmail(input.email)
    requireAcceptablePassphrase(input.passphrase, 'passphrase')

    const params = await resolveKdfParams(sodium, this.#deps.kdf, onCalibration)
    const organizationId = newId('org')
    const accountId = newId('acc')
    const actor = { accountId, displayName }
    return this.#createKeyAndSignIn(actor, input.passphrase, params, {
      persist: (now) => {
        // Checked again inside the transaction: calibration awaited, and two windows may race.
        this.#assertNoWorkspace()
        db.prepare('INSERT INTO organization (id, name, created_at) VALUES (?, ?, ?)').run(organizationId, organizationName, now)
        db.prepare(
          `INSERT INTO accounts (id, display_name, email, org_role, status, created_at, created_by)
           VALUES (?, ?, ?, 'owner', 'active', ?, NULL)`,
        ).run(accountId, displayName, email, now)
        return { action: 'workspace.create', target: `organization ${organizationName}` }
      },
      logEvent: 'workspace.created',
      logFields: { organizationId, kdfMemlimitMiB: Math.round(params.memlimit / (1024 * 1024)) },
    })
  }

  /** Accounts that can sign in now; pending members finish enrollment first. */
  listForSignIn(): AccountSummary[] {
    return listActiveAccounts(this.#deps.db)
  }

  async signIn(accountId: string, passphrase: string): Promise<SessionInfo> {
    const account = this.#activeAccount(accountId)
    const accountKey = await this.#unlock(account, passphrase, 'passphrase', 'session.sign_in', null)
    try {
      this.#deps.audit.record({ actor: toActor(account), action: 'session.sign_in', target: accountTarget(account), outcome: 'allowed' })
    } catch (error) {
      // No sign-in without its audit row, and no unwrapped key left behind by the failure.
      this.#deps.sodium.memzero(accountKey)
      throw error
    }
    this.#deps.logger.info('session.signed_in', { accountId })
    return this.#startSession({ accountId, displayName: account.displayName }, accountKey)
  }

  signOut(): void {
    const actor = this.#deps.session.currentActor()
    this.#deps.session.end()
    this.#deps.session.forgetLocked()
    if (!actor) return
    this.#deps.audit.record({ actor, action: 'session.sign_out', target: `account ${actor.displayName}`, outcome: 'allowed' })
    this.#deps.logger.info('session.signed_out', { accountId: actor.accountId })
  }

  /**
   * Locks the session: the same wipe as sign-out (account key, open tickets, pending
   * imports, the clipboard's secret), but the account is remembered for unlocking, which
   * is session.signIn with its throttling. `trigger` says why (button, idle, OS lock).
   */
  lock(trigger: 'manual' | 'idle' | 'os-lock' | 'suspend'): void {
    const actor = this.#deps.session.lock()
    if (!actor) return
    this.#deps.audit.record({ actor, action: 'session.lock', target: `account ${actor.displayName} (${trigger})`, outcome: 'allowed' })
    this.#deps.logger.info('session.locked', { accountId: actor.accountId, trigger })
  }

  /** Checks the passphrase of the acting account (for re-confirmation); counts toward the throttle. */
  async verifyPassphrase(actor: Actor, passphrase: string): Promise<void> {
    const accountKey = await this.#unlock(this.#activeAccount(actor.accountId), passphrase, 'passphrase', 'account.verify_passphrase', actor)
    this.#deps.sodium.memzero(accountKey)
  }

  /**
   * Re-wraps the same account key under the new passphrase (new salt, current KDF policy).
   * Nothing encrypted under the account key changes, so nothing else is re-encrypted.
   */
  async changePassphrase(actor: Actor, currentPassphrase: string, newPassphrase: string): Promise<void> {
    const { db, sodium, clock, logger } = this.#deps
    requireAcceptablePassphrase(newPassphrase, 'newPassphrase')
    if (newPassphrase.normalize('NFC') === currentPassphrase.normalize('NFC')) {
      throw new AppError('INVALID_INPUT', 'The new passphrase must differ from the current one.', {
        field: 'newPassphrase',
      })
    }
    const account = this.#activeAccount(actor.accountId)
    const accountKey = await this.#unlock(account, currentPassphrase, 'currentPassphrase', 'account.change_passphrase', actor)
    try {
      const params = await resolveKdfParams(sodium, this.#deps.kdf)
      const material = await sealAccountKey(sodium, this.#deps.deriveKey, account.id, accountKey, newPassphrase, params)
      const now = clock()
      db.transaction(() => {
        if (!findAccount(db, account.id)) throw new AppError('NOT_FOUND', CANNOT_SIGN_IN)
        writeKeyMaterial(db, account.id, material, now)
        this.#deps.audit.record({
          actor: toActor(account),
          action: 'account.change_passphrase',
          target: accountTarget(account),
          outcome: 'allowed',
        })
      })()
      // The old wrapped key opens with the old passphrase: move the change into the main file
      // (where secure_delete overwrote the old cell) and empty the WAL, so no copy lingers.
      db.pragma('wal_checkpoint(TRUNCATE)')
      logger.info('account.passphrase_changed', { accountId: account.id, kdfOpslimit: params.opslimit })
    } finally {
      sodium.memzero(accountKey)
    }
  }

  /** The signed-in view of an account: who, which organization, which roles. */
  sessionInfo(accountId: string): SessionInfo {
    const { db } = this.#deps
    const account = findAccount(db, accountId)
    const organization = findOrganization(db)
    if (!account || account.status !== 'active' || !organization) throw new AppError('NOT_FOUND', CANNOT_SIGN_IN)
    return {
      account: { id: account.id, displayName: account.displayName, email: account.email },
      organization: { id: organization.id, name: organization.name },
      orgRole: account.orgRole,
      projectRoles: listProjectRoles(db, account.id),
    }
  }

  /**
   * Enrollment's last step, called once the one-time code has been verified: gives a
   * pending account its key material under the chosen passphrase, makes it active (which
   * also consumes its enrollment code) and signs it in.
   */
  async activatePendingAccount(accountId: string, passphrase: string): Promise<SessionInfo> {
    const { db, sodium } = this.#deps
    requireAcceptablePassphrase(passphrase, 'passphrase')
    const account = this.#pendingAccount(accountId)
    const params = await resolveKdfParams(sodium, this.#deps.kdf)
    return this.#createKeyAndSignIn(toActor(account), passphrase, params, {
      persist: () => {
        const activated = db.prepare(`UPDATE accounts SET status = 'active' WHERE id = ? AND status = 'pending'`).run(account.id)
        if (activated.changes !== 1) throw new AppError('NOT_FOUND', 'This enrollment is no longer open.')
        db.prepare('DELETE FROM enrollments WHERE account_id = ?').run(account.id)
        db.prepare('DELETE FROM sign_in_throttle WHERE account_id = ?').run(account.id)
        return { action: 'account.activate', target: accountTarget(account) }
      },
      logEvent: 'account.activated',
      logFields: {},
    })
  }

  /**
   * A new account key sealed under the passphrase, stored in one transaction with the
   * account rows `persist` writes and the audit row it names, then handed to the session.
   * The key is wiped if anything before the session fails.
   */
  async #createKeyAndSignIn(
    actor: Actor,
    passphrase: string,
    params: KdfParams,
    steps: { persist: (now: number) => { action: string; target: string }; logEvent: string; logFields: LogFields },
  ): Promise<SessionInfo> {
    const { db, sodium, clock, audit, logger } = this.#deps
    const accountKey = newAccountKey()
    try {
      const material = await sealAccountKey(sodium, this.#deps.deriveKey, actor.accountId, accountKey, passphrase, params)
      const now = clock()
      db.transaction(() => {
        const { action, target } = steps.persist(now)
        writeKeyMaterial(db, actor.accountId, material, now)
        audit.record({ actor, action, target, outcome: 'allowed' })
      })()
      logger.info(steps.logEvent, { accountId: actor.accountId, kdfOpslimit: params.opslimit, ...steps.logFields })
    } catch (error) {
      sodium.memzero(accountKey)
      throw error
    }
    return this.#startSession(actor, accountKey)
  }

  /** Throttle, derive, unwrap. Returns the account key (caller wipes or hands it to the session). */
  /** `actor` is who is asking: null at sign-in, where nobody has proved to be this account yet. */
  #unlock(account: AccountRecord, passphrase: string, field: string, action: string, actor: Actor | null): Promise<Uint8Array> {
    const run = this.#unlockQueue.then(() => this.#unlockNow(account, passphrase, field, action, actor))
    this.#unlockQueue = run.catch(() => undefined)
    return run
  }

  async #unlockNow(account: AccountRecord, passphrase: string, field: string, action: string, actor: Actor | null): Promise<Uint8Array> {
    const { db, sodium, logger, audit } = this.#deps
    const deny = (errorCode: 'WRONG_PASSPHRASE' | 'THROTTLED') =>
      audit.record({ actor, action, target: accountTarget(account), outcome: 'denied', errorCode })
    try {
      this.#throttle.assertAllowed(account.id)
    } catch (error) {
      deny('THROTTLED')
      throw error
    }
    const material = readKeyMaterial(db, account.id)
    if (!material) throw new Error('Active account has no key material')
    const result = await openAccountKey(sodium, this.#deps.deriveKey, account.id, material, passphrase)
    if (result.ok) {
      this.#throttle.recordSuccess(account.id)
      return result.accountKey
    }
    if (result.reason === 'unsupported_format') {
      throw new Error(`Unsupported account key format ${material.wrapped.formatVersion}`)
    }
    const lockMs = this.#throttle.recordFailure(account.id)
    deny('WRONG_PASSPHRASE')
    logger.warn('session.wrong_passphrase', { accountId: account.id, lockMs })
    throw new AppError(
      'WRONG_PASSPHRASE',
      'That passphrase is not correct.',
      lockMs > 0 ? { field, retryAfterMs: lockMs } : { field },
    )
  }

  #startSession(actor: Actor, accountKey: Uint8Array): SessionInfo {
    const { session, clock } = this.#deps
    session.start(actor, accountKey, clock())
    try {
      return this.sessionInfo(actor.accountId)
    } catch (error) {
      session.end()
      throw error
    }
  }

  #currentSessionInfo(): SessionInfo | null {
    const actor = this.#deps.session.currentActor()
    if (!actor) return null
    const account = findAccount(this.#deps.db, actor.accountId)
    if (!account || account.status !== 'active') {
      // Removed while signed in: the session must not outlive the account.
      this.#deps.session.end()
      return null
    }
    return this.sessionInfo(actor.accountId)
  }

  #lockedAccount(): { account: AccountSummary } | null {
    const accountId = this.#deps.session.lockedAccountId()
    if (!accountId) return null
    const account = findAccount(this.#deps.db, accountId)
    if (!account || account.status !== 'active') {
      this.#deps.session.forgetLocked()
      return null
    }
    return { account: { id: account.id, displayName: account.displayName, email: account.email } }
  }

  #activeAccount(accountId: string): AccountRecord {
    const account = findAccount(this.#deps.db, accountId)
    if (!account || account.status !== 'active') throw new AppError('NOT_FOUND', CANNOT_SIGN_IN)
    return account
  }

  #pendingAccount(accountId: string): AccountRecord {
    const account = findAccount(this.#deps.db, accountId)
    if (!account || account.status !== 'pending') throw new AppError('NOT_FOUND', 'This enrollment is no longer open.')
    return account
  }

  #assertNoWorkspace(): void {
    if (findOrganization(this.#deps.db)) {
      throw new AppError('WORKSPACE_EXISTS', 'A workspace already exists on this computer. Sign in instead.')
    }
  }
}

function toActor(account: AccountRecord): Actor {
  return { accountId: account.id, displayName: account.displayName }
}

/** Audit target naming an account; display name and email are not secrets. */
function accountTarget(account: AccountRecord): string {
  return `account ${account.displayName} <${account.email}>`
}

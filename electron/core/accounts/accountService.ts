/**
 * Workspace creation, sign-in, sign-out and passphrase changes for account users.
 *
 * Each account has a random 32-byte account key, wrapped under an Argon2id key derived
 * from the passphrase. Signing in means the key unwrapped; the key then lives only in the
 * SessionState of main, and callers (ultimately the renderer) only get a SessionInfo.
 * A passphrase change re-wraps that same key and re-encrypts nothing else.
 */
import { AppError, isAppError } from '@shared/errors'
import type { AuditAction } from '@shared/audit/actions'
import type { AccountSummary, SessionInfo } from '@shared/ipc/contract'
import type { CoreDeps } from '../coreDeps'
import { recordRefusal } from '../audit/audited'
import { resolveKdfParams, type CalibrationProgress, type KdfParams } from '../crypto/kdf'
import { newAccountKey, type UnwrapResult } from '../crypto/keyWrap'
import { newAuditKey, openAccountWrap, storeAccountWrap } from '../audit/auditKey'
import type { LogFields } from '../log'
import type { Actor } from '../session'
import { loadActorRoles } from '../authz/authorize'
import { sessionPermissions } from '../authz/permissions'
import { findAccount, findOrganization, listActiveAccounts, listProjectRoles, type AccountRecord } from './accountRecords'
import { requireAcceptablePassphrase, requireEmail, requireName } from './accountInput'
import { newId } from '../ids'
import { keyMaterialCorrupt, openAccountKey, readKeyMaterial, sealAccountKey, writeKeyMaterial } from './keyMaterial'
import { AttemptThrottle } from './throttle'

/** Only what this service uses (see coreDeps.ts). */
type AccountServiceDeps = Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'kdf' | 'deriveKey' | 'session' | 'logger' | 'audit' | 'requests'>

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

/** Work that follows every session start (creation, enrollment, sign-in) while the account key is present. */
export interface AccountHooks {
  onSessionStarted?: (actor: Actor) => Promise<void>
}

export class AccountService {
  readonly #deps: AccountServiceDeps
  readonly #throttle: AttemptThrottle
  readonly #hooks: AccountHooks
  /**
   * Passphrase checks run one at a time: the derivation awaits a worker, and attempts in
   * parallel (direct callers; the dispatcher already serializes requests) must not all pass
   * the throttle before the first failure is counted.
   */
  #unlockQueue: Promise<unknown> = Promise.resolve()

  constructor(deps: AccountServiceDeps, hooks: AccountHooks = {}) {
    this.#deps = deps
    this.#throttle = new AttemptThrottle(deps.db, deps.clock, 'session.sign_in', 'Too many wrong passphrases.')
    this.#hooks = hooks
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

  /**
   * First run: the organization and its first account, an Organization Owner, then signs in.
   * A refusal (most of all: a workspace already exists) is audited like a refused change.
   */
  async createWorkspace(input: CreateWorkspaceInput, onCalibration?: CalibrationProgress): Promise<SessionInfo> {
    try {
      return await this.#createWorkspace(input, onCalibration)
    } catch (error) {
      recordRefusal(this.#deps, null, { action: 'workspace.create', target: `organization ${input.organizationName.trim()}` }, error)
      throw error
    }
  }

  async #createWorkspace(input: CreateWorkspaceInput, onCalibration?: CalibrationProgress): Promise<SessionInfo> {
    const { db, sodium } = this.#deps
    this.#assertNoWorkspace()
    const organizationName = requireName(input.organizationName, 'organizationName', 'organizationName')
    const displayName = requireName(input.displayName, 'displayName', 'ownName')
    const email = requireEmail(input.email)
    requireAcceptablePassphrase(input.passphrase, 'passphrase')

    const params = await resolveKdfParams(sodium, this.#deps.kdf, onCalibration)
    const organizationId = newId('org')
    const accountId = newId('acc')
    const actor = { accountId, displayName }
    return this.#afterSessionStart(await this.#createKeyAndSignIn(actor, input.passphrase, params, {
      auditKey: { key: newAuditKey(), created: true },
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
    }))
  }

  /** Accounts that can sign in now; pending members finish enrollment first. */
  listForSignIn(): AccountSummary[] {
    return listActiveAccounts(this.#deps.db)
  }

  /**
   * The sign-in row is written with the account's audit key in hand, so it is keyed and
   * vouches for the rows written since the last keyed one (refused sign-ins). The first
   * sign-in after upgrading a workspace that has no audit key yet creates it.
   */
  async signIn(accountId: string, passphrase: string): Promise<SessionInfo> {
    const { db, audit, clock, sodium, logger } = this.#deps
    const account = this.#activeAccount(accountId)
    const accountKey = await this.#unlock(account, passphrase, 'passphrase', 'session.signIn', null)
    // The previous session ends now, so its end cannot wipe the audit key set below.
    this.#deps.session.end()
    try {
      const opened = openAccountWrap(this.#deps, account.id, accountKey)
      const record = () => audit.record({ actor: toActor(account), action: 'session.signIn', target: accountTarget(account), outcome: 'allowed' })
      if (opened.kind === 'opened') {
        audit.useKey(opened.auditKey)
        record()
      } else if (opened.kind === 'none' && !opened.workspaceHasKey) {
        const auditKey = newAuditKey()
        audit.useKey(auditKey, { created: true })
        db.transaction(() => {
          storeAccountWrap(this.#deps, account.id, auditKey, accountKey, clock())
          record()
        }).immediate()
        logger.info('audit.key_created', { accountId })
      } else {
        if (opened.kind === 'unreadable') logger.warn('audit.key_unreadable', { accountId })
        record()
      }
    } catch (error) {
      // No sign-in without its audit row, and no unwrapped key left behind by the failure.
      sodium.memzero(accountKey)
      audit.forgetKey()
      throw error
    }
    logger.info('session.signed_in', { accountId })
    return this.#afterSessionStart(this.#startSession({ accountId, displayName: account.displayName }, accountKey))
  }

  /** The sign-out row is written while the audit key is still there, so it is keyed too. */
  signOut(): void {
    const actor = this.#deps.session.currentActor()
    if (!actor) {
      this.#deps.session.end()
      this.#deps.session.forgetLocked()
      return
    }
    try {
      this.#deps.audit.record({ actor, action: 'session.signOut', target: `account ${actor.displayName}`, outcome: 'allowed' })
    } finally {
      this.#deps.session.end()
      this.#deps.session.forgetLocked()
    }
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
    const accountKey = await this.#unlock(account, currentPassphrase, 'currentPassphrase', 'account.changePassphrase', actor)
    try {
      const params = await resolveKdfParams(sodium, this.#deps.kdf)
      const material = await sealAccountKey(sodium, this.#deps.deriveKey, account.id, accountKey, newPassphrase, params)
      const now = clock()
      db.transaction(() => {
        if (!findAccount(db, account.id)) throw new AppError('NOT_FOUND', CANNOT_SIGN_IN)
        writeKeyMaterial(db, account.id, material, now)
        this.#deps.audit.record({
          actor: toActor(account),
          action: 'account.changePassphrase',
          target: accountTarget(account),
          outcome: 'allowed',
        })
      }).immediate()
      // The old wrapped key opens with the old passphrase: once committed, move the change into
      // the main file (where secure_delete overwrote the old cell) and empty the WAL, so no copy lingers.
      this.#deps.requests.afterCommit(() => db.pragma('wal_checkpoint(TRUNCATE)'))
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
      permissions: sessionPermissions(loadActorRoles(db, account.id)),
    }
  }

  /**
   * Enrollment's last step, called once the one-time code has been verified: gives a
   * pending account its key material under the chosen passphrase, makes it active (which
   * also consumes its enrollment code) and signs it in. `auditKey`, opened from the copy
   * wrapped under the enrollment code, is re-wrapped under the new account key; this call
   * owns it and wipes it whatever happens.
   */
  async activatePendingAccount(accountId: string, passphrase: string, auditKey: Uint8Array | null = null): Promise<SessionInfo> {
    const { db, sodium } = this.#deps
    let params: KdfParams
    let account: AccountRecord
    try {
      requireAcceptablePassphrase(passphrase, 'passphrase')
      account = this.#pendingAccount(accountId)
      params = await resolveKdfParams(sodium, this.#deps.kdf)
    } catch (error) {
      if (auditKey) sodium.memzero(auditKey)
      throw error
    }
    return this.#afterSessionStart(await this.#createKeyAndSignIn(toActor(account), passphrase, params, {
      auditKey: auditKey ? { key: auditKey, created: false } : null,
      persist: () => {
        const activated = db.prepare(`UPDATE accounts SET status = 'active' WHERE id = ? AND status = 'pending'`).run(account.id)
        if (activated.changes !== 1) throw new AppError('NOT_FOUND', 'This enrollment is no longer open.')
        db.prepare('DELETE FROM enrollments WHERE account_id = ?').run(account.id)
        this.#throttle.recordSuccess(account.id)
        db.prepare('DELETE FROM audit_key_enrollment_wraps WHERE account_id = ?').run(account.id)
        return { action: 'account.activate', target: accountTarget(account) }
      },
      logEvent: 'account.activated',
      logFields: {},
    }))
  }

  /**
   * Runs the session-start hook (the handoff identity, created here for new accounts and
   * at the first sign-in after the upgrade). Its failure is logged, not fatal: the
   * session stands, and the identity is created again the first time handoff needs it.
   */
  async #afterSessionStart(info: SessionInfo): Promise<SessionInfo> {
    if (!this.#hooks.onSessionStarted) return info
    try {
      await this.#hooks.onSessionStarted({ accountId: info.account.id, displayName: info.account.displayName })
    } catch (error) {
      this.#deps.logger.error('session.start_hook_failed', { accountId: info.account.id, error: error instanceof Error ? error.name : 'unknown' })
    }
    return info
  }

  /**
   * A new account key sealed under the passphrase, stored in one transaction with the
   * account rows `persist` writes, the audit key wrapped under the account key, and the
   * audit row `persist` names (keyed with that audit key), then handed to the session.
   * Both keys are wiped if anything before the session fails.
   */
  async #createKeyAndSignIn(
    actor: Actor,
    passphrase: string,
    params: KdfParams,
    steps: {
      auditKey: { key: Uint8Array; created: boolean } | null
      persist: (now: number) => { action: AuditAction; target: string }
      logEvent: string
      logFields: LogFields
    },
  ): Promise<SessionInfo> {
    const { db, sodium, clock, audit, logger } = this.#deps
    const accountKey = newAccountKey()
    // The previous session ends now, so its end cannot wipe the audit key set below.
    this.#deps.session.end()
    if (steps.auditKey) audit.useKey(steps.auditKey.key, { created: steps.auditKey.created })
    try {
      const material = await sealAccountKey(sodium, this.#deps.deriveKey, actor.accountId, accountKey, passphrase, params)
      const now = clock()
      db.transaction(() => {
        const { action, target } = steps.persist(now)
        writeKeyMaterial(db, actor.accountId, material, now)
        if (steps.auditKey) storeAccountWrap(this.#deps, actor.accountId, steps.auditKey.key, accountKey, now)
        audit.record({ actor, action, target, outcome: 'allowed' })
      }).immediate()
      logger.info(steps.logEvent, { accountId: actor.accountId, kdfOpslimit: params.opslimit, ...steps.logFields })
    } catch (error) {
      sodium.memzero(accountKey)
      audit.forgetKey()
      throw error
    }
    return this.#startSession(actor, accountKey)
  }

  /** Throttle, derive, unwrap. Returns the account key (caller wipes or hands it to the session). */
  /** `actor` is who is asking: null at sign-in, where nobody has proved to be this account yet. */
  #unlock(account: AccountRecord, passphrase: string, field: string, action: AuditAction, actor: Actor | null): Promise<Uint8Array> {
    const run = this.#unlockQueue.then(() => this.#unlockNow(account, passphrase, field, action, actor))
    this.#unlockQueue = run.catch(() => undefined)
    return run
  }

  async #unlockNow(account: AccountRecord, passphrase: string, field: string, action: AuditAction, actor: Actor | null): Promise<Uint8Array> {
    const { db, sodium, logger, audit } = this.#deps
    const deny = (errorCode: 'WRONG_PASSPHRASE' | 'THROTTLED' | 'KEY_MATERIAL_CORRUPT') =>
      audit.record({ actor, action, target: accountTarget(account), outcome: 'denied', errorCode })
    try {
      this.#throttle.assertAllowed(account.id)
    } catch (error) {
      deny('THROTTLED')
      throw error
    }
    let result: UnwrapResult
    try {
      result = await openAccountKey(sodium, this.#deps.deriveKey, account.id, readKeyMaterial(db, account.id), passphrase)
      if (!result.ok && result.reason === 'unsupported_format') throw keyMaterialCorrupt()
    } catch (error) {
      // A damaged key row is not a wrong guess: refused and audited, never counted.
      if (isAppError(error) && error.code === 'KEY_MATERIAL_CORRUPT') deny('KEY_MATERIAL_CORRUPT')
      throw error
    }
    if (result.ok) {
      this.#throttle.recordSuccess(account.id)
      return result.accountKey
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

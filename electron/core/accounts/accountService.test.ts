import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import { FAST_TEST_KDF } from '../crypto/kdf'
import { createOwnerWorkspace, insertPendingAccount, OWNER, OWNER_PASSPHRASE } from '../testing/fixtures'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { AccountService, type CreateWorkspaceInput } from './accountService'

const MEMBER_PASSPHRASE = 'member passphrase 2026'

let env: TestDeps
beforeEach(async () => {
  env = await createTestDeps({ kdf: FAST_TEST_KDF })
})
afterEach(() => env.cleanup())

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected an AppError')
}

function count(table: string): number {
  return (env.deps.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

function keyRow(accountId: string): Record<string, unknown> {
  return env.deps.db.prepare('SELECT * FROM account_keys WHERE account_id = ?').get(accountId) as Record<string, unknown>
}

function sessionKeyHex(): string | null {
  const key = env.deps.session.accountKey()
  return key ? Buffer.from(key).toString('hex') : null
}

/** Owner workspace plus an active member (enrolled through activatePendingAccount), nobody signed in. */
async function workspaceWithMember() {
  const { accounts, owner } = await createOwnerWorkspace(env)
  const memberId = insertPendingAccount(env, { id: 'acc_member', displayName: 'Bo Member', email: 'bo@acme.example' })
  await accounts.activatePendingAccount(memberId, MEMBER_PASSPHRASE)
  accounts.signOut()
  return { accounts, ownerId: owner.account.id, memberId }
}

describe('workspace creation', () => {
  it('starts with no workspace and no session', () => {
    const accounts = new AccountService(env.deps)
    expect(accounts.status()).toEqual({ workspace: null, session: null })
    expect(accounts.listForSignIn()).toEqual([])
  })

  it('creates the organization and its first account as Organization Owner, signed in', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    expect(owner).toMatchObject({
      account: { displayName: OWNER.displayName, email: OWNER.email },
      organization: { name: OWNER.organizationName },
      orgRole: 'owner',
      projectRoles: [],
    })
    expect(owner.account.id).toMatch(/^acc_[0-9a-f]{32}$/)
    expect(owner.organization.id).toMatch(/^org_[0-9a-f]{32}$/)
    expect(accounts.status()).toEqual({ workspace: { organizationName: OWNER.organizationName }, session: owner })
    expect(accounts.listForSignIn()).toEqual([owner.account])
    expect(sessionKeyHex()).toMatch(/^[0-9a-f]{64}$/)

    const stored = keyRow(owner.account.id)
    expect(stored).toMatchObject({ format_version: 1, kdf_alg: 'argon2id13', kdf_opslimit: 1, kdf_memlimit: 8192 })
    expect((stored.kdf_salt as Buffer).length).toBe(16)
    expect((stored.wrap_nonce as Buffer).length).toBe(24)
    expect((stored.wrapped_key as Buffer).length).toBe(48)

    const audit = env.deps.db.prepare('SELECT actor_id, action, outcome FROM audit_log').all()
    expect(audit).toEqual([{ actor_id: owner.account.id, action: 'workspace.create', outcome: 'allowed' }])
  })

  it('trims names and refuses bad input field by field, writing nothing', async () => {
    const accounts = new AccountService(env.deps)
    const valid: CreateWorkspaceInput = { ...OWNER, passphrase: OWNER_PASSPHRASE }
    const cases: [Partial<CreateWorkspaceInput>, string][] = [
      [{ organizationName: '   ' }, 'organizationName'],
      [{ organizationName: 'x'.repeat(101) }, 'organizationName'],
      [{ displayName: '' }, 'displayName'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: 'a@b' }, 'email'],
      [{ email: 'two words@acme.example' }, 'email'],
      [{ passphrase: 'too short' }, 'passphrase'],
    ]
    for (const [change, field] of cases) {
      const error = await rejection(accounts.createWorkspace({ ...valid, ...change }))
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.field).toBe(field)
    }
    expect(count('organization') + count('accounts') + count('account_keys')).toBe(0)
    // Each refusal is on record, like any refused change.
    expect(env.deps.db.prepare("SELECT DISTINCT action || ' ' || outcome || ' ' || error_code AS row FROM audit_log").pluck().all()).toEqual([
      'workspace.create denied INVALID_INPUT',
    ])
    expect(count('audit_log')).toBe(cases.length)

    const session = await accounts.createWorkspace({ ...valid, organizationName: '  Acme  ', displayName: ' Ada ' })
    expect(session.organization.name).toBe('Acme')
    expect(session.account.displayName).toBe('Ada')
  })

  it('refuses a second workspace with WORKSPACE_EXISTS and changes nothing', async () => {
    const { accounts } = await createOwnerWorkspace(env)
    const before = [count('organization'), count('accounts'), count('account_keys')]
    const error = await rejection(
      accounts.createWorkspace({ organizationName: 'Other', displayName: 'Eve', email: 'eve@example.com', passphrase: 'another long passphrase' }),
    )
    expect(error.code).toBe('WORKSPACE_EXISTS')
    expect([count('organization'), count('accounts'), count('account_keys')]).toEqual(before)
  })
})

describe('sign-in and sign-out', () => {
  it('signs out by wiping the account key, then signs in again with the right passphrase', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const keyBefore = sessionKeyHex()
    const liveKey = env.deps.session.accountKey()!
    accounts.signOut()
    expect(liveKey.every((byte) => byte === 0)).toBe(true)
    expect(accounts.status().session).toBeNull()

    const session = await accounts.signIn(owner.account.id, OWNER_PASSPHRASE)
    expect(session).toEqual(owner)
    expect(sessionKeyHex()).toBe(keyBefore)
    const actions = env.deps.db.prepare('SELECT action, outcome FROM audit_log ORDER BY id').all()
    expect(actions).toEqual([
      { action: 'workspace.create', outcome: 'allowed' },
      { action: 'session.signOut', outcome: 'allowed' },
      { action: 'session.signIn', outcome: 'allowed' },
    ])
  })

  it('wipes the unwrapped account and audit keys and starts no session when the sign-in cannot be audited', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    accounts.signOut()
    const unwrapped: Uint8Array[] = []
    const decrypt = env.deps.sodium.crypto_aead_xchacha20poly1305_ietf_decrypt as (...args: unknown[]) => Uint8Array
    const spyDecrypt = vi.spyOn(env.deps.sodium, 'crypto_aead_xchacha20poly1305_ietf_decrypt').mockImplementation(((...args: unknown[]) => {
      const key = decrypt(...args)
      unwrapped.push(key)
      return key
    }) as never)
    const spyRecord = vi.spyOn(env.deps.audit, 'record').mockImplementation(() => {
      throw new Error('disk full')
    })
    try {
      await expect(accounts.signIn(owner.account.id, OWNER_PASSPHRASE)).rejects.toThrow('disk full')
    } finally {
      spyDecrypt.mockRestore()
      spyRecord.mockRestore()
    }
    // The account key, then the audit key wrapped under it.
    expect(unwrapped).toHaveLength(2)
    for (const key of unwrapped) expect([...key].every((byte) => byte === 0)).toBe(true)
    expect(env.deps.session.currentActor()).toBeNull()
  })

  it('accepts the passphrase in another Unicode normalization form', async () => {
    const accounts = new AccountService(env.deps)
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet'
    const owner = await accounts.createWorkspace({ ...OWNER, passphrase: composed })
    accounts.signOut()
    await expect(accounts.signIn(owner.account.id, composed.normalize('NFD'))).resolves.toEqual(owner)
  })

  it('answers a wrong passphrase with WRONG_PASSPHRASE, no session and an audited denial', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    accounts.signOut()
    const error = await rejection(accounts.signIn(owner.account.id, 'not the passphrase at all'))
    expect(error.code).toBe('WRONG_PASSPHRASE')
    expect(error.field).toBe('passphrase')
    expect(error.retryAfterMs).toBeUndefined()
    expect(accounts.status().session).toBeNull()
    expect(env.deps.db.prepare('SELECT actor_id, action, outcome, error_code FROM audit_log ORDER BY id DESC LIMIT 1').get()).toEqual({
      actor_id: null,
      action: 'session.signIn',
      outcome: 'denied',
      error_code: 'WRONG_PASSPHRASE',
    })
  })

  it('gives unknown and pending accounts the same NOT_FOUND, without running the KDF', async () => {
    const { accounts } = await createOwnerWorkspace(env)
    accounts.signOut()
    const pendingId = insertPendingAccount(env, { id: 'acc_pending', displayName: 'Pat', email: 'pat@acme.example' })
    const unknown = await rejection(accounts.signIn('acc_nobody', OWNER_PASSPHRASE))
    const pending = await rejection(accounts.signIn(pendingId, OWNER_PASSPHRASE))
    expect(unknown.code).toBe('NOT_FOUND')
    expect(pending.code).toBe('NOT_FOUND')
    expect(pending.message).toBe(unknown.message)
    expect(accounts.listForSignIn().map((account) => account.id)).not.toContain(pendingId)
  })

  it('refuses a tampered wrapped key, nonce or salt as a wrong passphrase', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    accounts.signOut()
    const original = keyRow(owner.account.id)
    for (const column of ['wrapped_key', 'wrap_nonce', 'kdf_salt'] as const) {
      const tampered = Buffer.from(original[column] as Buffer)
      tampered[5]! ^= 0x01
      env.deps.db.prepare(`UPDATE account_keys SET ${column} = ? WHERE account_id = ?`).run(tampered, owner.account.id)
      const error = await rejection(accounts.signIn(owner.account.id, OWNER_PASSPHRASE))
      expect(error.code).toBe('WRONG_PASSPHRASE')
      env.deps.db.prepare(`UPDATE account_keys SET ${column} = ? WHERE account_id = ?`).run(original[column], owner.account.id)
    }
    await expect(accounts.signIn(owner.account.id, OWNER_PASSPHRASE)).resolves.toEqual(owner)
  })

  it('fails clearly (KEY_MATERIAL_CORRUPT, audited, not counted) when stored KDF parameters are out of range', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    accounts.signOut()
    env.deps.db.prepare('UPDATE account_keys SET kdf_memlimit = ? WHERE account_id = ?').run(2 ** 40, owner.account.id)
    expect((await rejection(accounts.signIn(owner.account.id, OWNER_PASSPHRASE))).code).toBe('KEY_MATERIAL_CORRUPT')
    expect(count('attempt_throttle')).toBe(0)
  })

  it('binds wrapped keys to their account: key material copied or swapped between accounts does not open', async () => {
    const { accounts, ownerId, memberId } = await workspaceWithMember()
    const ownerRow = keyRow(ownerId)
    const memberRow = keyRow(memberId)
    const put = (accountId: string, row: Record<string, unknown>) =>
      env.deps.db
        .prepare(
          `UPDATE account_keys SET kdf_opslimit = ?, kdf_memlimit = ?, kdf_salt = ?, wrap_nonce = ?, wrapped_key = ?
           WHERE account_id = ?`,
        )
        .run(row.kdf_opslimit, row.kdf_memlimit, row.kdf_salt, row.wrap_nonce, row.wrapped_key, accountId)

    // Same salt, params and passphrase derive the same wrapping key: only the additional data refuses.
    put(memberId, ownerRow)
    put(ownerId, memberRow)
    expect((await rejection(accounts.signIn(memberId, OWNER_PASSPHRASE))).code).toBe('WRONG_PASSPHRASE')
    expect((await rejection(accounts.signIn(ownerId, MEMBER_PASSPHRASE))).code).toBe('WRONG_PASSPHRASE')
    expect((await rejection(accounts.signIn(ownerId, OWNER_PASSPHRASE))).code).toBe('WRONG_PASSPHRASE')

    put(ownerId, ownerRow)
    put(memberId, memberRow)
    await expect(accounts.signIn(ownerId, OWNER_PASSPHRASE)).resolves.toMatchObject({ orgRole: 'owner' })
    await expect(accounts.signIn(memberId, MEMBER_PASSPHRASE)).resolves.toMatchObject({ orgRole: 'member' })
  })

  it('ends a session whose account was removed meanwhile, wiping the key', async () => {
    const { accounts, memberId } = await workspaceWithMember()
    await accounts.signIn(memberId, MEMBER_PASSPHRASE)
    const liveKey = env.deps.session.accountKey()!
    env.deps.db.prepare('DELETE FROM accounts WHERE id = ?').run(memberId)
    expect(accounts.status().session).toBeNull()
    expect(liveKey.every((byte) => byte === 0)).toBe(true)
  })
})

describe('throttling', () => {
  it('delays after three wrong passphrases and keeps the delay across a reopened database', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const accountId = owner.account.id
    accounts.signOut()

    for (let attempt = 1; attempt <= 3; attempt++) {
      const error = await rejection(accounts.signIn(accountId, `wrong passphrase ${attempt}`))
      expect(error.code).toBe('WRONG_PASSPHRASE')
      expect(error.retryAfterMs).toBeUndefined()
    }
    const fourth = await rejection(accounts.signIn(accountId, 'wrong passphrase 4'))
    expect(fourth.code).toBe('WRONG_PASSPHRASE')
    expect(fourth.retryAfterMs).toBe(1_000)

    // Restart the app: same files, new connection, new service, clock unchanged.
    env = await env.reopen()
    const reopened = new AccountService(env.deps)
    const locked = await rejection(reopened.signIn(accountId, OWNER_PASSPHRASE))
    expect(locked.code).toBe('THROTTLED')
    expect(locked.retryAfterMs).toBe(1_000)
    expect(locked.message).toMatch(/Try again in 1 second/)
    expect(reopened.status().session).toBeNull()

    env.clock.advance(1_000)
    const fifth = await rejection(reopened.signIn(accountId, 'wrong passphrase 5'))
    expect(fifth.retryAfterMs).toBe(2_000)
    env.clock.advance(1_999)
    expect((await rejection(reopened.signIn(accountId, OWNER_PASSPHRASE))).code).toBe('THROTTLED')
    env.clock.advance(1)
    await expect(reopened.signIn(accountId, OWNER_PASSPHRASE)).resolves.toMatchObject({ account: { id: accountId } })

    // Success resets the count: the next three failures are free again.
    reopened.signOut()
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await rejection(reopened.signIn(accountId, 'wrong again'))).retryAfterMs).toBeUndefined()
    }
    const denials = env.deps.db
      .prepare(`SELECT error_code, count(*) AS n FROM audit_log WHERE outcome = 'denied' GROUP BY error_code ORDER BY error_code`)
      .all()
    expect(denials).toEqual([
      { error_code: 'THROTTLED', n: 2 },
      { error_code: 'WRONG_PASSPHRASE', n: 8 },
    ])
  })

  it('throttles per account: one account being locked does not lock another', async () => {
    const { accounts, ownerId, memberId } = await workspaceWithMember()
    for (let attempt = 1; attempt <= 4; attempt++) await rejection(accounts.signIn(ownerId, 'wrong passphrase'))
    expect((await rejection(accounts.signIn(ownerId, OWNER_PASSPHRASE))).code).toBe('THROTTLED')
    await expect(accounts.signIn(memberId, MEMBER_PASSPHRASE)).resolves.toMatchObject({ account: { id: memberId } })
  })
})

describe('passphrase change', () => {
  const NEW_PASSPHRASE = 'a brand new passphrase'

  it('re-wraps the same account key under a new salt: old passphrase fails, new one works', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const actor = env.deps.session.currentActor()!
    const keyBefore = sessionKeyHex()
    const rowBefore = keyRow(owner.account.id)

    await accounts.changePassphrase(actor, OWNER_PASSPHRASE, NEW_PASSPHRASE)
    expect(sessionKeyHex()).toBe(keyBefore)
    const rowAfter = keyRow(owner.account.id)
    expect(Buffer.compare(rowAfter.kdf_salt as Buffer, rowBefore.kdf_salt as Buffer)).not.toBe(0)
    expect(Buffer.compare(rowAfter.wrapped_key as Buffer, rowBefore.wrapped_key as Buffer)).not.toBe(0)

    accounts.signOut()
    expect((await rejection(accounts.signIn(owner.account.id, OWNER_PASSPHRASE))).code).toBe('WRONG_PASSPHRASE')
    await accounts.signIn(owner.account.id, NEW_PASSPHRASE)
    expect(sessionKeyHex()).toBe(keyBefore)
    expect(
      env.deps.db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'account.changePassphrase' AND outcome = 'allowed'`).get(),
    ).toEqual({ n: 1 })
  })

  it('leaves no copy of the old wrapped key in the database file or its WAL', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const oldWrappedKey = keyRow(owner.account.id).wrapped_key as Buffer
    const oldSalt = keyRow(owner.account.id).kdf_salt as Buffer
    await accounts.changePassphrase(env.deps.session.currentActor()!, OWNER_PASSPHRASE, NEW_PASSPHRASE)
    for (const name of readdirSync(env.dataDir)) {
      const file = readFileSync(join(env.dataDir, name))
      expect(file.includes(oldWrappedKey), name).toBe(false)
      expect(file.includes(oldSalt), name).toBe(false)
    }
  })

  it('refuses a wrong current passphrase (counted toward the throttle), a weak or unchanged new one, changing nothing', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const actor = env.deps.session.currentActor()!
    const rowBefore = keyRow(owner.account.id)

    const wrong = await rejection(accounts.changePassphrase(actor, 'not my passphrase!', NEW_PASSPHRASE))
    expect(wrong).toMatchObject({ code: 'WRONG_PASSPHRASE', field: 'currentPassphrase' })
    expect(env.deps.db.prepare("SELECT consecutive_failures FROM attempt_throttle WHERE scope = 'session.sign_in'").get()).toEqual({ consecutive_failures: 1 })

    const weak = await rejection(accounts.changePassphrase(actor, OWNER_PASSPHRASE, 'short'))
    expect(weak).toMatchObject({ code: 'INVALID_INPUT', field: 'newPassphrase' })
    const same = await rejection(accounts.changePassphrase(actor, OWNER_PASSPHRASE, OWNER_PASSPHRASE))
    expect(same).toMatchObject({ code: 'INVALID_INPUT', field: 'newPassphrase' })
    expect(same.message).toMatch(/differ/)

    expect(keyRow(owner.account.id)).toEqual(rowBefore)
    expect(accounts.status().session).not.toBeNull()
  })

  it('is refused while the account is throttled', async () => {
    const { accounts } = await createOwnerWorkspace(env)
    const actor = env.deps.session.currentActor()!
    for (let attempt = 1; attempt <= 4; attempt++) await rejection(accounts.changePassphrase(actor, 'wrong passphrase!', NEW_PASSPHRASE))
    expect((await rejection(accounts.changePassphrase(actor, OWNER_PASSPHRASE, NEW_PASSPHRASE))).code).toBe('THROTTLED')
  })
})

describe('pending account activation', () => {
  it('creates key material, consumes the enrollment, activates and signs in as the member', async () => {
    const { accounts } = await createOwnerWorkspace(env)
    const memberId = insertPendingAccount(env, { id: 'acc_new', displayName: 'Nia New', email: 'nia@acme.example' })
    env.deps.db
      .prepare('INSERT INTO enrollments (account_id, code_hash, expires_at, created_at) VALUES (?, ?, ?, ?)')
      .run(memberId, 'hash', env.clock() + 1000, env.clock())

    const session = await accounts.activatePendingAccount(memberId, MEMBER_PASSPHRASE)
    expect(session).toMatchObject({ account: { id: memberId, displayName: 'Nia New' }, orgRole: 'member' })
    expect(env.deps.session.currentActor()).toEqual({ accountId: memberId, displayName: 'Nia New' })
    expect(count('enrollments')).toBe(0)
    expect(accounts.listForSignIn().map((account) => account.id)).toContain(memberId)

    const again = await rejection(accounts.activatePendingAccount(memberId, MEMBER_PASSPHRASE))
    expect(again.code).toBe('NOT_FOUND')
    expect((await rejection(accounts.activatePendingAccount('acc_nobody', MEMBER_PASSPHRASE))).code).toBe('NOT_FOUND')
  })

  it('refuses a weak passphrase and leaves the account pending', async () => {
    const { accounts } = await createOwnerWorkspace(env)
    const memberId = insertPendingAccount(env, { id: 'acc_new', displayName: 'Nia', email: 'nia@acme.example' })
    const error = await rejection(accounts.activatePendingAccount(memberId, 'short'))
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'passphrase' })
    expect(env.deps.db.prepare('SELECT status FROM accounts WHERE id = ?').get(memberId)).toEqual({ status: 'pending' })
    expect(keyRow(memberId)).toBeUndefined()
  })
})

describe('session info', () => {
  it('joins project roles sorted by project name', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const insertProject = env.deps.db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)')
    const insertMember = env.deps.db.prepare('INSERT INTO project_members (project_id, account_id, role) VALUES (?, ?, ?)')
    insertProject.run('prj_z', 'zeta', 1)
    insertProject.run('prj_a', 'Alpha', 1)
    insertProject.run('prj_m', 'mid', 1)
    insertMember.run('prj_z', owner.account.id, 'read_only')
    insertMember.run('prj_a', owner.account.id, 'owner')
    expect(accounts.sessionInfo(owner.account.id).projectRoles).toEqual([
      { projectId: 'prj_a', projectName: 'Alpha', role: 'owner' },
      { projectId: 'prj_z', projectName: 'zeta', role: 'read_only' },
    ])
  })
})

describe('secrets at rest and in logs', () => {
  it('never writes a passphrase or the account key to the database files or the log', async () => {
    const { accounts, owner } = await createOwnerWorkspace(env)
    const accountKey = Buffer.from(env.deps.session.accountKey()!)
    await accounts.changePassphrase(env.deps.session.currentActor()!, OWNER_PASSPHRASE, 'second passphrase here')
    accounts.signOut()
    await rejection(accounts.signIn(owner.account.id, 'a wrong guess, logged?'))
    await accounts.signIn(owner.account.id, 'second passphrase here')

    const files = readdirSync(env.dataDir).map((name) => readFileSync(join(env.dataDir, name)))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      for (const secret of [OWNER_PASSPHRASE, 'second passphrase here', 'a wrong guess, logged?']) {
        expect(file.includes(Buffer.from(secret))).toBe(false)
      }
      expect(file.includes(accountKey)).toBe(false)
      expect(file.includes(Buffer.from(accountKey.toString('hex')))).toBe(false)
    }
    const log = env.logger.lines.join('\n')
    for (const secret of [OWNER_PASSPHRASE, 'second passphrase here', 'a wrong guess', accountKey.toString('hex')]) {
      expect(log).not.toContain(secret)
    }
    expect(log).toContain('session.wrong_passphrase')
  })
})

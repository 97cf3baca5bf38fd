/**
 * Issue 6's trust gaps, driven through main's real dispatcher as a hostile renderer would:
 * raw IPC calls with crafted payloads, by members trying to reach beyond their role.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Member, Project, SessionInfo } from '@shared/ipc/contract'
import { handlers } from '../../electron/main/ipc/handlers'
import type { HandlerTable } from '../../electron/main/ipc/types'
import { OWNER, OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import {
  auditRows,
  createWorkspace,
  MEMBER_PASSPHRASE,
  readWorkspace,
  signInAs,
  snapshotTables,
  startHarness,
  type IpcHarness,
  writeWorkspace,
} from './support/ipcHarness'

let harness: IpcHarness
afterEach(() => harness?.cleanup())

interface Invitation {
  member: Member
  enrollment: { code: string }
}

async function invite(email: string, orgRole: 'owner' | 'member', projectRoles: Array<{ projectId: string; role: string }>) {
  return harness.value<Invitation>('members.add', { displayName: email.split('@')[0], email, orgRole, projectRoles })
}

/** The owner's workspace with project Orders and Pia, its Project Owner, enrolled and signed in. */
async function signedInProjectOwner(): Promise<{ owner: SessionInfo; pia: SessionInfo; orders: Project }> {
  const owner = await createWorkspace(harness)
  const orders = await harness.value<Project>('projects.create', { name: 'Orders' })
  const invitation = await invite('pia@acme.example', 'member', [{ projectId: orders.id, role: 'owner' }])
  const pia = await harness.value<SessionInfo>('enrollment.redeem', {
    email: 'pia@acme.example',
    code: invitation.enrollment.code,
    passphrase: MEMBER_PASSPHRASE,
  })
  return { owner, pia, orders }
}

describe('ill-formed text is refused at the boundary and a change without an answer is never committed (item 2)', () => {
  it('enrollment.redeem with a lone surrogate in the email: INVALID_INPUT, nothing written, the audit chain intact', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    const before = { tables: snapshotTables(harness), audit: auditRows(harness) }

    const error = await harness.errorOf('enrollment.redeem', { email: 'x\uD800@acme.example', code: 'ABCD-EFGH-JKLM-NPQR', passphrase: MEMBER_PASSPHRASE })
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'email', message: expect.stringMatching(/unpaired surrogate/) })

    expect(snapshotTables(harness)).toBe(before.tables)
    expect(auditRows(harness)).toEqual(before.audit)
    await harness.value('session.signIn', { accountId: (await harness.value<Array<{ id: string }>>('accounts.listForSignIn', {}))[0]!.id, passphrase: OWNER_PASSPHRASE })
    expect(await harness.value('audit.verify', {})).toMatchObject({ ok: true, firstBrokenRowId: null })
  })

  it('a Project Owner adding a member whose email is 90 lone surrogates: INVALID_INPUT, no account, members.list still works', async () => {
    harness = await startHarness()
    const { orders } = await signedInProjectOwner()
    const before = { tables: snapshotTables(harness), audit: auditRows(harness) }

    const error = await harness.errorOf('members.add', {
      displayName: 'Mallory',
      email: `${'\uD800'.repeat(90)}@acme.example`,
      orgRole: 'member',
      projectRoles: [{ projectId: orders.id, role: 'read_only' }],
    })
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'email' })

    expect(snapshotTables(harness)).toBe(before.tables)
    expect(auditRows(harness)).toEqual(before.audit)
    const members = await harness.value<Member[]>('members.list', {})
    expect(members.map((member) => member.email).sort()).toEqual([OWNER.email, 'pia@acme.example'])
  })

  it('a handler whose answer fails the output schema leaves the database unchanged (INTERNAL, rolled back)', async () => {
    const broken: HandlerTable = {
      ...handlers,
      // The project is created, then the answer cannot be produced (a negative count).
      'projects.create': (input, context) => ({ ...handlers['projects.create'](input, context), clusterCount: -1 }),
    }
    harness = await startHarness({ handlers: broken })
    await createWorkspace(harness)
    const before = { tables: snapshotTables(harness), audit: auditRows(harness) }

    expect(await harness.errorOf('projects.create', { name: 'Orders' })).toMatchObject({ code: 'INTERNAL' })

    expect(snapshotTables(harness)).toBe(before.tables)
    expect(auditRows(harness)).toEqual(before.audit)
    expect(await harness.value('projects.list', {})).toEqual([])
    // The next request is not affected: the transaction was rolled back, not left open.
    expect(await harness.value<Project[]>('clusters.list', {})).toEqual([])
  })

  it('a typed refusal still commits its audit row (the refused change itself rolls back)', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    await harness.value('projects.create', { name: 'Orders' })
    const before = snapshotTables(harness)

    expect(await harness.errorOf('projects.create', { name: 'orders' })).toMatchObject({ code: 'ALREADY_EXISTS' })

    expect(snapshotTables(harness)).toBe(before)
    expect(auditRows(harness).at(-1)).toMatchObject({ action: 'project.create', outcome: 'denied', error_code: 'ALREADY_EXISTS' })
  })
})

describe('damaged key rows and refused reads get typed, audited answers (item 6)', () => {
  const DAMAGE: Array<[string, string]> = [
    ['an unknown format_version', 'UPDATE account_keys SET format_version = 2'],
    ['an unknown kdf_alg', "UPDATE account_keys SET kdf_alg = 'scrypt'"],
    ['opslimit 0', 'UPDATE account_keys SET kdf_opslimit = 0'],
    ['an enormous opslimit', 'UPDATE account_keys SET kdf_opslimit = 1000000'],
    ['memlimit below libsodium’s minimum', 'UPDATE account_keys SET kdf_memlimit = 1'],
    ['an enormous memlimit', 'UPDATE account_keys SET kdf_memlimit = 1099511627776'],
    ['a fractional opslimit (REAL)', 'UPDATE account_keys SET kdf_opslimit = 2.5'],
    ['a truncated salt', 'UPDATE account_keys SET kdf_salt = substr(kdf_salt, 1, 8)'],
    ['a salt stored as text', "UPDATE account_keys SET kdf_salt = 'aaaaaaaaaaaaaaaa'"],
    ['a truncated nonce', 'UPDATE account_keys SET wrap_nonce = substr(wrap_nonce, 1, 12)'],
    ['a truncated wrapped key', 'UPDATE account_keys SET wrapped_key = substr(wrapped_key, 1, 40)'],
    ['no key row at all', 'DELETE FROM account_keys'],
  ]

  it.each(DAMAGE)('sign-in with %s: KEY_MATERIAL_CORRUPT, audited, not counted as a wrong passphrase', async (_name, damage) => {
    harness = await startHarness()
    const owner = await createWorkspace(harness)
    await harness.value('session.signOut', {})
    writeWorkspace(harness, (db) => db.exec(damage))

    const error = await harness.errorOf('session.signIn', { accountId: owner.account.id, passphrase: OWNER_PASSPHRASE })
    expect(error).toMatchObject({ code: 'KEY_MATERIAL_CORRUPT', message: expect.stringMatching(/damaged/) })
    expect(auditRows(harness).at(-1)).toMatchObject({ action: 'session.signIn', outcome: 'denied', error_code: 'KEY_MATERIAL_CORRUPT' })
    expect(readWorkspace(harness, (db) => db.prepare('SELECT COUNT(*) AS n FROM attempt_throttle').get())).toEqual({ n: 0 })
  })

  it('a passphrase change on a damaged key row: KEY_MATERIAL_CORRUPT, audited', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    writeWorkspace(harness, (db) => db.exec('UPDATE account_keys SET format_version = 7'))
    const error = await harness.errorOf('session.changePassphrase', { currentPassphrase: OWNER_PASSPHRASE, newPassphrase: MEMBER_PASSPHRASE })
    expect(error.code).toBe('KEY_MATERIAL_CORRUPT')
    expect(auditRows(harness).at(-1)).toMatchObject({ action: 'account.changePassphrase', outcome: 'denied', error_code: 'KEY_MATERIAL_CORRUPT' })
  })

  it('refused reads of another project’s clusters and cluster users are audited; allowed reads are not', async () => {
    harness = await startHarness()
    const { owner, pia, orders } = await signedInProjectOwner()
    await signInAs(harness, owner.account.id, OWNER_PASSPHRASE)
    const billing = await harness.value<Project>('projects.create', { name: 'Billing' })
    const { cluster } = await harness.value<{ cluster: { id: string } }>('clusters.create', {
      projectId: billing.id, name: 'billing-prod', endpoint: 'https://in01-billing.example:19530', dbAdminPassword: { mode: 'generate' },
    })
    await signInAs(harness, pia.account.id, MEMBER_PASSPHRASE)

    const before = auditRows(harness).length
    await harness.value('clusters.list', { projectId: orders.id })
    await harness.value('clusters.list', {})
    expect(auditRows(harness)).toHaveLength(before)

    const refused: Array<[string, unknown, string, string | null]> = [
      ['clusters.get', { clusterId: cluster.id }, 'cluster.view', cluster.id],
      ['clusters.list', { projectId: billing.id }, 'cluster.view', null],
      ['clusterUsers.list', { clusterId: cluster.id }, 'clusterUser.view', cluster.id],
    ]
    for (const [channel, payload, action, clusterId] of refused) {
      expect(await harness.errorOf(channel, payload)).toMatchObject({ code: 'NOT_FOUND' })
      const row = readWorkspace(harness, (db) => db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get())
      expect(row, channel).toMatchObject({ actor_id: pia.account.id, action, outcome: 'denied', error_code: 'NOT_FOUND', cluster_id: clusterId })
    }
  })

  it('members.list without the right is refused and audited', async () => {
    harness = await startHarness()
    const owner = await createWorkspace(harness)
    const orders = await harness.value<Project>('projects.create', { name: 'Orders' })
    const invitation = await invite('rae@acme.example', 'member', [{ projectId: orders.id, role: 'read_only' }])
    const rae = await harness.value<SessionInfo>('enrollment.redeem', { email: 'rae@acme.example', code: invitation.enrollment.code, passphrase: MEMBER_PASSPHRASE })
    expect(rae.account.id).not.toBe(owner.account.id)

    expect(await harness.errorOf('members.list', {})).toMatchObject({ code: 'FORBIDDEN' })
    expect(auditRows(harness).at(-1)).toMatchObject({ actor_id: rae.account.id, action: 'member.list', outcome: 'denied', error_code: 'FORBIDDEN' })
  })

  it('workspace.create when a workspace exists: WORKSPACE_EXISTS, audited', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    await harness.value('session.signOut', {})
    const before = snapshotTables(harness)

    const error = await harness.errorOf('workspace.create', { organizationName: 'Evil Corp', displayName: 'Eve', email: 'eve@evil.example', passphrase: MEMBER_PASSPHRASE })
    expect(error.code).toBe('WORKSPACE_EXISTS')
    expect(snapshotTables(harness)).toBe(before)
    expect(auditRows(harness).at(-1)).toMatchObject({ actor_id: null, action: 'workspace.create', target: 'organization Evil Corp', outcome: 'denied', error_code: 'WORKSPACE_EXISTS' })
  })
})

describe('guessing is throttled persistently and on record (item 4)', () => {
  const DB_ADMIN_PASSWORD = 'Admin-Pass-77'

  it('200 guesses at db_admin’s password by a Read-Only member: a few answers, then THROTTLED, all audited, surviving a restart', async () => {
    harness = await startHarness()
    const owner = await createWorkspace(harness)
    const orders = await harness.value<Project>('projects.create', { name: 'Orders' })
    const { cluster } = await harness.value<{ cluster: { id: string } }>('clusters.create', {
      projectId: orders.id, name: 'orders-prod', endpoint: 'https://in01-orders.example:19530', dbAdminPassword: { mode: 'typed', password: DB_ADMIN_PASSWORD },
    })
    const invitation = await invite('rae@acme.example', 'member', [{ projectId: orders.id, role: 'read_only' }])
    const rae = await harness.value<SessionInfo>('enrollment.redeem', { email: 'rae@acme.example', code: invitation.enrollment.code, passphrase: MEMBER_PASSPHRASE })
    const auditBefore = auditRows(harness).length

    const outcomes: string[] = []
    for (let guess = 0; guess < 200; guess++) {
      const response = await harness.call('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'db_admin', password: `guess-${guess}` })
      outcomes.push(response.ok ? `valid=${(response.value as { valid: boolean }).valid}` : response.error.code)
    }
    // Three free failures, the fourth starts a one-second lock; the clock does not move here.
    expect(outcomes.slice(0, 4)).toEqual(Array(4).fill('valid=false'))
    expect(outcomes.slice(4)).toEqual(Array(196).fill('THROTTLED'))

    const verifyRows = auditRows(harness).slice(auditBefore).filter((row) => row.action === 'clusterUser.verify')
    expect(verifyRows).toHaveLength(200)
    expect(verifyRows.slice(0, 4).every((row) => row.outcome === 'allowed' && row.target.endsWith('(invalid)') && row.actor_id === rae.account.id)).toBe(true)
    expect(verifyRows.slice(4).every((row) => row.outcome === 'denied' && row.error_code === 'THROTTLED')).toBe(true)

    harness = await harness.restart()
    await harness.value('session.signIn', { accountId: rae.account.id, passphrase: MEMBER_PASSPHRASE })
    const afterRestart = await harness.errorOf('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'db_admin', password: DB_ADMIN_PASSWORD })
    expect(afterRestart).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1_000 })

    // Per actor and cluster user: the owner checking the same user is not held back by Rae's guesses.
    await signInAs(harness, owner.account.id, OWNER_PASSPHRASE)
    expect(await harness.value('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'db_admin', password: DB_ADMIN_PASSWORD })).toEqual({ valid: true, role: 'admin' })

    // Once the lock-out has passed, the right password is answered and clears the count.
    harness.clock.advance(1_000)
    await signInAs(harness, rae.account.id, MEMBER_PASSPHRASE)
    expect(await harness.value('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'db_admin', password: DB_ADMIN_PASSWORD })).toEqual({ valid: true, role: 'admin' })
    expect(await harness.value('clusterUsers.verifyCredential', { clusterId: cluster.id, username: 'db_admin', password: 'wrong again' })).toEqual({ valid: false, role: null })
  })

  it('wrong enrollment codes stay throttled across a restart', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    await invite('nia@acme.example', 'owner', [])
    const wrong = { email: 'nia@acme.example', code: 'AAAA-BBBB-CCCC-DDDD', passphrase: MEMBER_PASSPHRASE }
    for (let attempt = 0; attempt < 4; attempt++) expect((await harness.errorOf('enrollment.redeem', wrong)).code).toBe('ENROLLMENT_INVALID')
    expect(await harness.errorOf('enrollment.redeem', wrong)).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1_000 })

    harness = await harness.restart()
    expect(await harness.errorOf('enrollment.redeem', wrong)).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1_000 })
    expect(auditRows(harness).at(-1)).toMatchObject({ action: 'enrollment.redeem', outcome: 'denied', error_code: 'THROTTLED' })
  })
})

describe('only an Organization Owner or the inviter may issue an enrollment code (item 3)', () => {
  it('the takeover chain is refused: a Project Owner grants a pending invitee a role, then cannot issue them a code', async () => {
    harness = await startHarness()
    const { owner, pia, orders } = await signedInProjectOwner()
    await signInAs(harness, owner.account.id, OWNER_PASSPHRASE)
    // Invited by the Organization Owner with no project role yet; the code is still with them.
    const victim = await invite('vic@acme.example', 'member', [])
    await signInAs(harness, pia.account.id, MEMBER_PASSPHRASE)

    // Step 1 is allowed: a Project Owner gives an existing member a role in their project.
    const granted = await harness.value<Member>('members.update', { accountId: victim.member.id, projectRoles: [{ projectId: orders.id, role: 'owner' }] })
    expect(granted.projectRoles).toEqual([{ projectId: orders.id, projectName: 'Orders', role: 'owner' }])
    expect(granted.canIssueCode).toBe(false)
    expect((await harness.value<Member[]>('members.list', {})).find((member) => member.id === victim.member.id)?.canIssueCode).toBe(false)

    // Step 2, the new code, is refused and audited; the enrollment is as it was.
    const enrollmentBefore = snapshotTables(harness)
    const refused = await harness.errorOf('members.reissueEnrollment', { accountId: victim.member.id })
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/Organization Owner, or the person who invited/) })
    expect(snapshotTables(harness)).toBe(enrollmentBefore)
    expect(auditRows(harness).at(-1)).toMatchObject({
      actor_id: pia.account.id, action: 'member.reissueEnrollment', target: 'member vic@acme.example', outcome: 'denied', error_code: 'FORBIDDEN',
    })

    // Step 3 has nothing to redeem but guesses; the invitee's own code still works.
    await harness.call('session.signOut', {})
    const vic = await harness.value<SessionInfo>('enrollment.redeem', { email: 'vic@acme.example', code: victim.enrollment.code, passphrase: MEMBER_PASSPHRASE })
    expect(vic.account.id).toBe(victim.member.id)
  })

  it('the person who invited a member may issue them a new code; an Organization Owner may for anyone', async () => {
    harness = await startHarness()
    const { owner, pia, orders } = await signedInProjectOwner()
    const invited = await invite('ivy@acme.example', 'member', [{ projectId: orders.id, role: 'read_write' }])
    expect(invited.member.canIssueCode).toBe(true)
    const fresh = await harness.value<{ code: string }>('members.reissueEnrollment', { accountId: invited.member.id })
    expect(fresh.code).not.toBe(invited.enrollment.code)

    await signInAs(harness, owner.account.id, OWNER_PASSPHRASE)
    expect((await harness.value<Member[]>('members.list', {})).filter((member) => member.canIssueCode).map((member) => member.email)).toEqual(['ivy@acme.example'])
    const ownersCode = await harness.value<{ code: string }>('members.reissueEnrollment', { accountId: invited.member.id })

    // A role gained in a project the inviter does not own takes the inviter's right away.
    const billing = await harness.value<Project>('projects.create', { name: 'Billing' })
    await harness.value('members.update', { accountId: invited.member.id, projectRoles: [{ projectId: orders.id, role: 'read_write' }, { projectId: billing.id, role: 'owner' }] })
    await signInAs(harness, pia.account.id, MEMBER_PASSPHRASE)
    expect((await harness.errorOf('members.reissueEnrollment', { accountId: invited.member.id })).code).toBe('FORBIDDEN')

    await harness.call('session.signOut', {})
    await harness.value('enrollment.redeem', { email: 'ivy@acme.example', code: ownersCode.code, passphrase: MEMBER_PASSPHRASE })
  })
})

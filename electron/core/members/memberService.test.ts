import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '@shared/domain'
import { createCredentialsWorld, snapshotBusinessTables, type CredentialsWorld } from '../../../test/unit/support/credentialsWorld'
import { generateEnrollmentCode, normalizeEnrollmentCode } from './enrollmentCode'
import { withCode } from '../../../test/unit/support/appErrors'

const NEW_PASSPHRASE = 'a long new passphrase for nia'

describe('members', () => {
  let world: CredentialsWorld
  beforeEach(async () => {
    world = await createCredentialsWorld()
  })
  afterEach(() => world.cleanup())
  const owner = () => world.actors.orgOwner
  const addNia = () =>
    world.members.add(owner(), { displayName: ' Nia New ', email: 'Nia@Acme.example', orgRole: 'member',
      projectRoles: [{ projectId: world.own.project.id, role: 'read_write' }] })

  it('adds a pending member with a one-time code of which only a hash is stored', () => {
    const { member, enrollment } = addNia()
    expect(member).toMatchObject({ displayName: 'Nia New', email: 'Nia@Acme.example', status: 'pending', orgRole: 'member',
      projectRoles: [{ projectId: world.own.project.id, projectName: 'Orders', role: 'read_write' }],
      enrollmentExpiresAt: world.env.clock() + LIMITS.enrollmentTtlMs })
    expect(enrollment.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/)
    const stored = world.env.deps.db.prepare('SELECT code_hash FROM enrollments WHERE account_id = ?').get(member.id) as { code_hash: string }
    expect(stored.code_hash).toMatch(/^\$argon2id\$/)
    expect(JSON.stringify(world.env.deps.db.prepare('SELECT * FROM audit_log').all())).not.toContain(enrollment.code)
  })

  it('redeems once: the member sets a passphrase and is signed in', async () => {
    const { member, enrollment } = addNia()
    const session = await world.members.redeem('nia@acme.example', enrollment.code.toLowerCase().replaceAll('-', ' '), NEW_PASSPHRASE)
    expect(session.account.id).toBe(member.id)
    expect(world.env.deps.session.currentActor()?.accountId).toBe(member.id)
    await expect(world.members.redeem('nia@acme.example', enrollment.code, NEW_PASSPHRASE)).rejects.toThrow(withCode('ENROLLMENT_INVALID'))
    expect(world.members.list(owner()).find((m) => m.id === member.id)).toMatchObject({ status: 'active', enrollmentExpiresAt: null })
  })

  it('gives the same answer for an unknown email, a wrong code and an expired code', async () => {
    const { enrollment } = addNia()
    const attempts = [
      () => world.members.redeem('nobody@acme.example', enrollment.code, NEW_PASSPHRASE),
      () => world.members.redeem('nia@acme.example', generateEnrollmentCode(), NEW_PASSPHRASE),
    ]
    const messages = new Set<string>()
    for (const attempt of attempts) await attempt().catch((error: Error & { code: string }) => { expect(error.code).toBe('ENROLLMENT_INVALID'); messages.add(error.message) })
    world.env.clock.advance(LIMITS.enrollmentTtlMs)
    await world.members.redeem('nia@acme.example', enrollment.code, NEW_PASSPHRASE).catch((error: Error & { code: string }) => {
      expect(error.code).toBe('ENROLLMENT_INVALID')
      messages.add(error.message)
    })
    expect(messages.size).toBe(1)
    const denials = world.env.deps.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'enrollment.redeem' AND outcome = 'denied'").get() as { n: number }
    expect(denials.n).toBe(3)
  })

  it('throttles repeated wrong codes without revealing which emails are enrolling', async () => {
    const { enrollment } = addNia()
    const wrong = () => world.members.redeem('someone@acme.example', 'AAAA-BBBB-CCCC-DDDD', NEW_PASSPHRASE)
    for (let attempt = 0; attempt < 4; attempt++) await expect(wrong()).rejects.toThrow(withCode('ENROLLMENT_INVALID'))
    await expect(world.members.redeem('nia@acme.example', enrollment.code, NEW_PASSPHRASE)).rejects.toThrow(
      expect.objectContaining({ code: 'THROTTLED', retryAfterMs: 1_000 }),
    )
    world.env.clock.advance(1_000)
    await expect(world.members.redeem('nia@acme.example', enrollment.code, NEW_PASSPHRASE)).resolves.toBeTruthy()
  })

  it('keeps the code usable when the chosen passphrase is refused', async () => {
    const { enrollment } = addNia()
    await expect(world.members.redeem('nia@acme.example', enrollment.code, 'short')).rejects.toThrow(withCode('INVALID_INPUT'))
    await expect(world.members.redeem('nia@acme.example', enrollment.code, NEW_PASSPHRASE)).resolves.toBeTruthy()
  })

  it('reissues a code for pending members only; the old code stops working', async () => {
    const { member, enrollment } = addNia()
    const fresh = world.members.reissueEnrollment(owner(), member.id)
    expect(fresh.code).not.toBe(enrollment.code)
    await expect(world.members.redeem('nia@acme.example', enrollment.code, NEW_PASSPHRASE)).rejects.toThrow(withCode('ENROLLMENT_INVALID'))
    await world.members.redeem('nia@acme.example', fresh.code, NEW_PASSPHRASE)
    expect(() => world.members.reissueEnrollment(owner(), member.id)).toThrow(withCode('INVALID_INPUT'))
  })

  it('refuses duplicate emails (any case) and the 101st account user', () => {
    addNia()
    expect(() => world.members.add(owner(), { displayName: 'Again', email: 'NIA@acme.example', orgRole: 'member', projectRoles: [] })).toThrow(withCode('ALREADY_EXISTS'))
    const { count } = world.env.deps.db.prepare('SELECT COUNT(*) AS count FROM accounts').get() as { count: number }
    for (let index = count; index < LIMITS.accountUsersPerOrganization; index++) {
      world.env.deps.db.prepare("INSERT INTO accounts (id, display_name, email, org_role, status, created_at) VALUES (?, 'x', ?, 'member', 'pending', 0)")
        .run(`acc_fill_${index}`, `fill${index}@acme.example`)
    }
    const before = snapshotBusinessTables(world)
    expect(() => world.members.add(owner(), { displayName: 'Over', email: 'over@acme.example', orgRole: 'member', projectRoles: [] })).toThrow(withCode('LIMIT_REACHED'))
    expect(snapshotBusinessTables(world)).toBe(before)
  })

  it('never removes or demotes the last Organization Owner', () => {
    const self = owner()
    expect(() => world.members.update(self, { accountId: self.accountId, orgRole: 'member' })).toThrow(withCode('LAST_OWNER'))
    expect(() => world.members.remove(self, self.accountId)).toThrow(withCode('LAST_OWNER'))
    world.members.update(self, { accountId: world.targetMemberId, orgRole: 'owner' })
    const second = { accountId: world.targetMemberId, displayName: 'Tess Target' }
    world.members.update(second, { accountId: self.accountId, orgRole: 'member' })
    expect(() => world.members.update(second, { accountId: second.accountId, orgRole: 'member' })).toThrow(withCode('LAST_OWNER'))
    expect(() => world.members.remove(second, second.accountId)).toThrow(withCode('LAST_OWNER'))
  })

  it('a pending owner does not count as the remaining owner', () => {
    world.members.add(owner(), { displayName: 'Pending Owner', email: 'po@acme.example', orgRole: 'owner', projectRoles: [] })
    expect(() => world.members.update(owner(), { accountId: owner().accountId, orgRole: 'member' })).toThrow(withCode('LAST_OWNER'))
  })

  it('nobody removes their own account; another owner removes members and their roles', () => {
    world.members.update(owner(), { accountId: world.targetMemberId, orgRole: 'owner' })
    expect(() => world.members.remove(owner(), owner().accountId)).toThrow(withCode('FORBIDDEN'))
    world.members.remove(owner(), world.actors.projectReadOnly.accountId)
    expect(world.env.deps.db.prepare('SELECT COUNT(*) AS n FROM project_members WHERE account_id = ?').get(world.actors.projectReadOnly.accountId)).toEqual({ n: 0 })
  })

  it('Project Owners add members only to projects they own, as Organization Members', () => {
    const pia = world.actors.projectOwner
    const input = { displayName: 'Pat', email: 'pat@acme.example', orgRole: 'member' as const }
    expect(() => world.members.add(pia, { ...input, orgRole: 'owner', projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] })).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.add(pia, { ...input, projectRoles: [] })).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.add(pia, { ...input, projectRoles: [{ projectId: world.other.project.id, role: 'read_only' }] })).toThrow(withCode('NOT_FOUND'))
    expect(world.members.add(pia, { ...input, projectRoles: [{ projectId: world.own.project.id, role: 'owner' }] }).member.status).toBe('pending')
  })

  it("a Project Owner's role update replaces roles only within projects they own", () => {
    const pia = world.actors.projectOwner
    const updated = world.members.update(pia, { accountId: world.targetMemberId, projectRoles: [] })
    expect(updated.projectRoles).toEqual([])
    const roles = world.env.deps.db.prepare('SELECT project_id, role FROM project_members WHERE account_id = ?').all(world.targetMemberId)
    expect(roles).toEqual([{ project_id: world.other.project.id, role: 'read_only' }])
    // Still in the organization, so the Project Owner may give them a role again; other roles stay.
    const regranted = world.members.update(pia, { accountId: world.targetMemberId, projectRoles: [{ projectId: world.own.project.id, role: 'read_write' }] })
    expect(regranted.projectRoles).toEqual([{ projectId: world.own.project.id, projectName: 'Orders', role: 'read_write' }])
    expect(world.env.deps.db.prepare('SELECT project_id, role FROM project_members WHERE account_id = ? ORDER BY role').all(world.targetMemberId)).toEqual([
      { project_id: world.other.project.id, role: 'read_only' },
      { project_id: world.own.project.id, role: 'read_write' },
    ])
    const before = snapshotBusinessTables(world)
    expect(() => world.members.update(pia, { accountId: owner().accountId, projectRoles: [] })).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.update(pia, { accountId: 'acc_does_not_exist', projectRoles: [] })).toThrow(withCode('NOT_FOUND'))
    expect(snapshotBusinessTables(world)).toBe(before)
  })

  it('members list: every account for Organization Owners and Project Owners; Project Owners see only their projects\' roles', () => {
    const all = world.members.list(owner())
    expect(all.length).toBe(7)
    const seen = world.members.list(world.actors.projectOwner)
    expect(seen.map((m) => [m.id, m.displayName, m.email, m.orgRole, m.status])).toEqual(
      all.map((m) => [m.id, m.displayName, m.email, m.orgRole, m.status]),
    )
    expect(seen.every((m) => m.projectRoles.every((r) => r.projectId === world.own.project.id))).toBe(true)
    expect(seen.find((m) => m.displayName === 'Tess Target')?.projectRoles).toEqual([
      { projectId: world.own.project.id, projectName: 'Orders', role: 'read_only' },
    ])
    expect(seen.find((m) => m.displayName === 'Pending Billing')?.projectRoles).toEqual([])
    expect(all.find((m) => m.displayName === 'Tess Target')?.projectRoles.map((r) => r.projectName)).toEqual(['Billing', 'Orders'])
    expect(() => world.members.list(world.actors.projectReadWrite)).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.list(world.actors.projectReadOnly)).toThrow(withCode('FORBIDDEN'))
  })

  it('a Project Owner gives an existing member of another project a role in theirs instead of adding the email again', () => {
    const pia = world.actors.projectOwner
    const billingOnly = world.members.add(owner(), { displayName: 'Bo Billing', email: 'bo@acme.example', orgRole: 'member',
      projectRoles: [{ projectId: world.other.project.id, role: 'read_write' }] }).member
    expect(() => world.members.add(pia, { displayName: 'Bo', email: 'bo@acme.example', orgRole: 'member',
      projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] })).toThrow(withCode('ALREADY_EXISTS'))
    expect(world.members.list(pia).find((m) => m.id === billingOnly.id)?.projectRoles).toEqual([])

    const granted = world.members.update(pia, { accountId: billingOnly.id, projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] })
    expect(granted.projectRoles).toEqual([{ projectId: world.own.project.id, projectName: 'Orders', role: 'read_only' }])
    expect(world.members.list(owner()).find((m) => m.id === billingOnly.id)?.projectRoles).toEqual([
      { projectId: world.other.project.id, projectName: 'Billing', role: 'read_write' },
      { projectId: world.own.project.id, projectName: 'Orders', role: 'read_only' },
    ])
    const audit = world.env.deps.db.prepare("SELECT outcome, target FROM audit_log WHERE action = 'member.update' ORDER BY id DESC LIMIT 1").get()
    expect(audit).toEqual({ outcome: 'allowed', target: 'member bo@acme.example' })
  })

  it('seeing every account gives a Project Owner no organization powers over it', () => {
    const pia = world.actors.projectOwner
    const pendingBilling = world.other.pendingMemberId
    world.members.update(pia, { accountId: pendingBilling, projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] })
    const before = snapshotBusinessTables(world)
    for (const accountId of [pendingBilling, world.targetMemberId]) {
      expect(() => world.members.update(pia, { accountId, orgRole: 'owner' })).toThrow(withCode('FORBIDDEN'))
      expect(() => world.members.remove(pia, accountId)).toThrow(withCode('FORBIDDEN'))
      expect(() => world.members.update(pia, { accountId, projectRoles: [{ projectId: world.other.project.id, role: 'owner' }] })).toThrow(withCode('NOT_FOUND'))
    }
    // A new code lets someone become the account: not while it holds a role in a project Pia does not own.
    expect(() => world.members.reissueEnrollment(pia, pendingBilling)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('Organization Owner') }),
    )
    expect(() => world.members.update(pia, { accountId: owner().accountId, projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] })).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.update(pia, { accountId: owner().accountId, orgRole: 'member' })).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.remove(pia, owner().accountId)).toThrow(withCode('FORBIDDEN'))
    expect(snapshotBusinessTables(world)).toBe(before)
    expect(world.env.deps.db.prepare('SELECT project_id FROM project_members WHERE account_id = ? ORDER BY project_id').all(pendingBilling)).toHaveLength(2)
  })

  it('each listed member carries what the caller may do to them, and main agrees when it is tried', () => {
    const pia = world.actors.projectOwner
    const ownPending = world.own.pendingMemberId
    const otherPending = world.other.pendingMemberId
    const invitedByPia = world.members.add(pia, { displayName: 'Ivy Invited', email: 'ivy@acme.example', orgRole: 'member',
      projectRoles: [{ projectId: world.own.project.id, role: 'read_only' }] }).member.id
    const flags = (actor: typeof pia) =>
      new Map(world.members.list(actor).map((m) => [m.id, { canEdit: m.canEdit, canRemove: m.canRemove, canIssueCode: m.canIssueCode }]))

    const asOwner = flags(owner())
    expect(asOwner.get(owner().accountId)).toEqual({ canEdit: true, canRemove: false, canIssueCode: false })
    expect(asOwner.get(world.targetMemberId)).toEqual({ canEdit: true, canRemove: true, canIssueCode: false })
    expect(asOwner.get(otherPending)).toEqual({ canEdit: true, canRemove: true, canIssueCode: true })

    const asPia = flags(pia)
    expect(asPia.get(owner().accountId)).toEqual({ canEdit: false, canRemove: false, canIssueCode: false })
    expect(asPia.get(world.targetMemberId)).toEqual({ canEdit: true, canRemove: false, canIssueCode: false })
    expect(asPia.get(ownPending)).toEqual({ canEdit: true, canRemove: false, canIssueCode: false })
    expect(asPia.get(invitedByPia)).toEqual({ canEdit: true, canRemove: false, canIssueCode: true })
    expect(asPia.get(otherPending)).toEqual({ canEdit: true, canRemove: false, canIssueCode: false })

    expect(() => world.members.update(pia, { accountId: owner().accountId, projectRoles: [] })).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.remove(pia, world.targetMemberId)).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.reissueEnrollment(pia, otherPending)).toThrow(withCode('FORBIDDEN'))
    expect(() => world.members.reissueEnrollment(pia, ownPending)).toThrow(withCode('FORBIDDEN'))
    expect(world.members.reissueEnrollment(pia, invitedByPia).code).toMatch(/-/)
    expect(() => world.members.remove(owner(), owner().accountId)).toThrow()
  })

  it('normalises typed codes', () => {
    expect(normalizeEnrollmentCode(' abcd-efgh ijkl-mnpq ')).toBe('ABCDEFGHIJKLMNPQ')
  })
})

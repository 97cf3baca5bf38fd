/**
 * Members (account users) and their roles. Organization Owners manage everyone;
 * Project Owners manage roles in the projects they own and may add new members to them.
 * New members start pending with a one-time enrollment code, shown once, of which only an
 * Argon2id hash is kept; the person redeems it at the workstation and sets a passphrase.
 *
 * Decisions documented here:
 * - The members list shows every account of the organization (name, email, organization
 *   role, status) to Organization Owners and Project Owners, so a Project Owner can give an
 *   existing member a role in their project instead of adding the email again. Project
 *   Owners see only the roles in projects they own; everyone else gets FORBIDDEN.
 * - A Project Owner's `projectRoles` in an update replaces roles only within projects they
 *   own; roles elsewhere stay as they are. Accounts of Organization Owners, organization
 *   roles and removal are Organization Owner matters.
 * - A new enrollment code lets whoever holds it become the account, so only an Organization
 *   Owner or the person who invited the member may issue one, and the inviter only while
 *   every role of the member lies in projects they own. Gaining a role never changes who
 *   may: otherwise a Project Owner could give a pending member a role in their project,
 *   issue a code, redeem it and become that person.
 * - Nobody removes their own account (another Organization Owner must); the last active
 *   Organization Owner can never be removed or demoted (LAST_OWNER).
 */
import { AppError } from '@shared/errors'
import { LIMITS, type OrgRole, type ProjectRole } from '@shared/domain'
import type { Member, SessionInfo } from '@shared/ipc/contract'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import type { AccountService } from '../accounts/accountService'
import { requireEmail, requireName } from '../accounts/accountInput'
import { newId } from '../ids'
import { authorize, loadActorRoles } from '../authz/authorize'
import { can, managesMembers, type ActorRoles } from '../authz/permissions'
import { auditRefusal, runAudited } from '../audit/audited'
import { deleteEnrollmentWrap, openEnrollmentWrap, storeEnrollmentWrap } from '../audit/auditKey'
import { createDummyHash, hashPassword, verifyPassword } from '../crypto/passwordHash'
import { generateEnrollmentCode, normalizeEnrollmentCode } from './enrollmentCode'
import { AttemptThrottle } from '../accounts/throttle'

/** Only what this service uses (see coreDeps.ts). */
type MemberServiceDeps = Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'passwordHashing' | 'audit'>

export interface ProjectRoleAssignment {
  projectId: string
  role: ProjectRole
}

export interface AddMemberInput {
  displayName: string
  email: string
  orgRole: OrgRole
  projectRoles: ProjectRoleAssignment[]
}

export interface UpdateMemberInput {
  accountId: string
  orgRole?: OrgRole
  projectRoles?: ProjectRoleAssignment[]
}

export interface EnrollmentCode {
  code: string
  expiresAt: number
}

interface AccountRow {
  id: string
  display_name: string
  email: string
  org_role: OrgRole
  status: 'active' | 'pending'
  created_at: number
  /** Who added the account (invited them); null for the workspace's first owner. */
  created_by: string | null
  enrollment_expires_at: number | null
}

const SELECT_ACCOUNTS = `
  SELECT a.id, a.display_name, a.email, a.org_role, a.status, a.created_at, a.created_by, e.expires_at AS enrollment_expires_at
  FROM accounts a LEFT JOIN enrollments e ON e.account_id = a.id`

interface MemberProjectRole {
  projectId: string
  projectName: string
  role: ProjectRole
}

const SELECT_PROJECT_ROLES = `
  SELECT pm.account_id AS accountId, p.id AS projectId, p.name AS projectName, pm.role
  FROM project_members pm JOIN projects p ON p.id = pm.project_id`
const ORDER_PROJECT_ROLES = 'ORDER BY p.name COLLATE NOCASE, p.id'

/** The enrollment throttle's one subject: codes are counted for the workstation, not per email. */
const EVERY_EMAIL = 'every email'

const ENROLLMENT_INVALID_MESSAGE =
  'That email and enrollment code do not match an open enrollment. Check both, or ask an owner for a new code.'

/** Everyone but Organization Owners and Project Owners is refused outright (FORBIDDEN), whichever project they name. */
function requireMemberManager(roles: ActorRoles): void {
  if (!managesMembers(roles)) throw new AppError('FORBIDDEN', 'Only Organization Owners and Project Owners can manage members.')
}

/** An Organization Owner's account is an organization matter; a Project Owner edits everyone else's roles in their projects. */
function mayEdit(roles: ActorRoles, target: AccountRow): boolean {
  return target.org_role !== 'owner' || can(roles, 'member.manageOrg').allowed
}

/** Removal is for Organization Owners, never of their own account (the last owner is refused at the time, LAST_OWNER). */
function mayRemove(roles: ActorRoles, target: AccountRow): boolean {
  return can(roles, 'member.manageOrg').allowed && target.id !== roles.accountId
}

/**
 * Whether the actor may issue `target` a new enrollment code (see the decisions above):
 * an Organization Owner always; otherwise only the person who invited them, for a member
 * outside the owners' circle whose every role lies in projects that person owns.
 */
function mayIssueCode(roles: ActorRoles, target: AccountRow, targetProjectIds: readonly string[]): boolean {
  if (roles.orgRole === 'owner') return true
  return (
    target.created_by === roles.accountId &&
    target.org_role !== 'owner' &&
    targetProjectIds.length > 0 &&
    targetProjectIds.every((projectId) => can(roles, 'member.manageProject', projectId).allowed)
  )
}

export class MemberService {
  readonly #dummyHash: () => string
  readonly #throttle: AttemptThrottle

  constructor(
    private readonly deps: MemberServiceDeps,
    private readonly accounts: AccountService,
  ) {
    this.#dummyHash = createDummyHash(deps.sodium, deps.passwordHashing)
    this.#throttle = new AttemptThrottle(deps.db, deps.clock, 'enrollment.redeem', 'Too many wrong enrollment codes.')
  }

  list(actor: Actor): Member[] {
    const roles = auditRefusal(this.deps, actor, { action: 'member.list', target: 'members' }, () => {
      const actorRoles = loadActorRoles(this.deps.db, actor.accountId)
      requireMemberManager(actorRoles)
      return actorRoles
    })
    const rows = this.deps.db.prepare<[], AccountRow>(`${SELECT_ACCOUNTS} ORDER BY a.display_name COLLATE NOCASE, a.id`).all()
    // Two queries for the whole list, not one per member.
    const rolesByAccount = new Map<string, MemberProjectRole[]>()
    for (const { accountId, ...role } of this.deps.db.prepare<[], MemberProjectRole & { accountId: string }>(`${SELECT_PROJECT_ROLES} ${ORDER_PROJECT_ROLES}`).all()) {
      const list = rolesByAccount.get(accountId)
      if (list) list.push(role)
      else rolesByAccount.set(accountId, [role])
    }
    return rows.map((row) => toMember(roles, row, rolesByAccount.get(row.id) ?? []))
  }

  add(actor: Actor, input: AddMemberInput): { member: Member; enrollment: EnrollmentCode } {
    const { db, clock } = this.deps
    return runAudited(this.deps, actor, { action: 'member.add', target: `member ${input.email.trim()}` }, () => {
      const roles = loadActorRoles(db, actor.accountId)
      requireMemberManager(roles)
      // Organization roles and members without any project are organization matters.
      if (input.orgRole !== 'member' || input.projectRoles.length === 0) authorize(roles, 'member.manageOrg')
      this.#checkAssignments(roles, input.projectRoles)
      const displayName = requireName(input.displayName, 'displayName', 'memberName')
      const email = requireEmail(input.email)
      if (db.prepare('SELECT 1 FROM accounts WHERE email = ? COLLATE NOCASE').get(email)) {
        throw new AppError(
          'ALREADY_EXISTS',
          `An account with the email ${email} already exists. To give them a role, edit their roles in the members list.`,
          { field: 'email' },
        )
      }
      const { count } = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM accounts').get()!
      if (count >= LIMITS.accountUsersPerOrganization) {
        throw new AppError('LIMIT_REACHED', `An organization can have at most ${LIMITS.accountUsersPerOrganization} account users.`)
      }
      const accountId = newId('acc')
      db.prepare(
        `INSERT INTO accounts (id, display_name, email, org_role, status, created_at, created_by) VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      ).run(accountId, displayName, email, input.orgRole, clock(), actor.accountId)
      const insertRole = db.prepare('INSERT INTO project_members (project_id, account_id, role) VALUES (?, ?, ?)')
      for (const assignment of input.projectRoles) insertRole.run(assignment.projectId, accountId, assignment.role)
      const enrollment = this.#issueEnrollment(actor, accountId)
      return { member: this.#memberFor(roles, accountId), enrollment }
    })
  }

  update(actor: Actor, input: UpdateMemberInput): Member {
    const { db } = this.deps
    return runAudited(this.deps, actor, { action: 'member.update', target: `member ${input.accountId}` }, (scope) => {
      const roles = loadActorRoles(db, actor.accountId)
      requireMemberManager(roles)
      const target = this.#requireAccount(input.accountId)
      scope.target = `member ${target.email}`
      if (!mayEdit(roles, target)) throw new AppError('FORBIDDEN', 'Only an Organization Owner can do this.')
      if (input.orgRole !== undefined && input.orgRole !== target.org_role) {
        authorize(roles, 'member.manageOrg')
        if (target.org_role === 'owner') this.#assertNotLastOwner(target, 'demoted')
        db.prepare('UPDATE accounts SET org_role = ? WHERE id = ?').run(input.orgRole, target.id)
      }
      if (input.projectRoles !== undefined) this.#replaceManagedRoles(roles, target.id, input.projectRoles)
      return this.#memberFor(roles, target.id)
    })
  }

  remove(actor: Actor, accountId: string): void {
    const { db } = this.deps
    runAudited(this.deps, actor, { action: 'member.remove', target: `member ${accountId}` }, (scope) => {
      const roles = loadActorRoles(db, actor.accountId)
      authorize(roles, 'member.manageOrg')
      const target = this.#requireAccount(accountId)
      scope.target = `member ${target.email}`
      if (target.org_role === 'owner') this.#assertNotLastOwner(target, 'removed')
      if (target.id === actor.accountId) {
        throw new AppError('FORBIDDEN', 'You cannot remove your own account; another Organization Owner can.')
      }
      for (const table of ['project_members', 'enrollments', 'account_keys']) {
        db.prepare(`DELETE FROM ${table} WHERE account_id = ?`).run(target.id)
      }
      db.prepare(`DELETE FROM attempt_throttle WHERE scope = 'session.sign_in' AND subject = ?`).run(target.id)
      db.prepare('DELETE FROM accounts WHERE id = ?').run(target.id)
    })
  }

  reissueEnrollment(actor: Actor, accountId: string): EnrollmentCode {
    const { db } = this.deps
    return runAudited(this.deps, actor, { action: 'member.reissueEnrollment', target: `member ${accountId}` }, (scope) => {
      const roles = loadActorRoles(db, actor.accountId)
      requireMemberManager(roles)
      const target = this.#requireAccount(accountId)
      scope.target = `member ${target.email}`
      if (!mayIssueCode(roles, target, this.#projectRolesOf(target.id).map((assignment) => assignment.projectId))) {
        throw new AppError(
          'FORBIDDEN',
          `Only an Organization Owner, or the person who invited ${target.display_name} while all their roles are in projects that person owns, can issue them a new code.`,
        )
      }
      if (target.status !== 'pending') {
        throw new AppError('INVALID_INPUT', `${target.display_name} has already enrolled; a new code is only for pending members.`)
      }
      return this.#issueEnrollment(actor, target.id)
    })
  }

  /**
   * A pending member proves the code and sets a passphrase. Unknown email, wrong code and
   * expired code all get the same answer and cost the same Argon2id verify; repeated
   * failures are throttled, persistently, with sign-in's curve. The count is one for the
   * workstation, across all emails, so the answer never reveals which emails have an open
   * enrollment. A refused passphrase keeps the code usable.
   */
  async redeem(email: string, code: string, passphrase: string): Promise<SessionInfo> {
    const { db, sodium, clock } = this.deps
    const normalizedEmail = email.trim()
    const target = `member ${normalizedEmail}`
    try {
      this.#throttle.assertAllowed(EVERY_EMAIL)
    } catch (error) {
      this.deps.audit.record({ actor: null, action: 'enrollment.redeem', target, outcome: 'denied', errorCode: 'THROTTLED' })
      throw error
    }
    const pending = db
      .prepare<[string], { id: string; display_name: string; code_hash: string; expires_at: number }>(
        `SELECT a.id, a.display_name, e.code_hash, e.expires_at FROM accounts a JOIN enrollments e ON e.account_id = a.id
         WHERE a.email = ? COLLATE NOCASE AND a.status = 'pending'`,
      )
      .get(normalizedEmail)
    const codeBytes = new TextEncoder().encode(normalizeEnrollmentCode(code))
    let matches: boolean
    // The audit key wrapped under this code, opened only once the code is proven right.
    let auditKey: Uint8Array | null = null
    try {
      matches = verifyPassword(sodium, pending?.code_hash ?? this.#dummyHash(), codeBytes)
      if (pending && matches && pending.expires_at > clock()) auditKey = openEnrollmentWrap(this.deps, pending.id, codeBytes)
    } finally {
      sodium.memzero(codeBytes)
    }
    if (!pending || !matches || pending.expires_at <= clock()) {
      this.#throttle.recordFailure(EVERY_EMAIL)
      this.deps.audit.record({ actor: null, action: 'enrollment.redeem', target, outcome: 'denied', errorCode: 'ENROLLMENT_INVALID' })
      throw new AppError('ENROLLMENT_INVALID', ENROLLMENT_INVALID_MESSAGE, { field: 'code' })
    }
    const session = await this.accounts.activatePendingAccount(pending.id, passphrase, auditKey)
    this.#throttle.recordSuccess(EVERY_EMAIL)
    this.deps.audit.record({ actor: { accountId: pending.id, displayName: pending.display_name }, action: 'enrollment.redeem', target, outcome: 'allowed' })
    return session
  }

  /**
   * A new one-time code, of which only a hash is kept, and the audit key wrapped under a key
   * derived from it (when the issuer holds the audit key; otherwise no older copy is left).
   */
  #issueEnrollment(actor: Actor, accountId: string): EnrollmentCode {
    const { db, sodium, clock, passwordHashing } = this.deps
    const code = generateEnrollmentCode()
    const codeBytes = new TextEncoder().encode(normalizeEnrollmentCode(code))
    const auditKey = this.deps.audit.copyKey()
    try {
      const now = clock()
      if (auditKey) storeEnrollmentWrap(this.deps, accountId, auditKey, codeBytes, passwordHashing, now)
      else deleteEnrollmentWrap(db, accountId)
      const expiresAt = now + LIMITS.enrollmentTtlMs
      db.prepare(
        `INSERT INTO enrollments (account_id, code_hash, expires_at, created_at, created_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
           created_at = excluded.created_at, created_by = excluded.created_by`,
      ).run(accountId, hashPassword(sodium, passwordHashing, codeBytes), expiresAt, now, actor.accountId)
      return { code, expiresAt }
    } finally {
      sodium.memzero(codeBytes)
      if (auditKey) sodium.memzero(auditKey)
    }
  }

  #checkAssignments(roles: ActorRoles, assignments: ProjectRoleAssignment[]): void {
    const seen = new Set<string>()
    for (const { projectId } of assignments) {
      if (seen.has(projectId)) throw new AppError('INVALID_INPUT', 'Each project can appear only once in the roles.', { field: 'projectRoles' })
      seen.add(projectId)
      authorize(roles, 'member.manageProject', projectId)
      if (!this.deps.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(projectId)) throw new AppError('NOT_FOUND', 'Project not found.')
    }
  }

  /** New roles = the target's roles in projects the actor does not manage, plus the requested ones. */
  #replaceManagedRoles(roles: ActorRoles, accountId: string, requested: ProjectRoleAssignment[]): void {
    const { db } = this.deps
    this.#checkAssignments(roles, requested)
    const kept = this.#projectRolesOf(accountId).filter(({ projectId }) => !can(roles, 'member.manageProject', projectId).allowed)
    db.prepare('DELETE FROM project_members WHERE account_id = ?').run(accountId)
    const insertRole = db.prepare('INSERT INTO project_members (project_id, account_id, role) VALUES (?, ?, ?)')
    for (const assignment of [...kept, ...requested]) insertRole.run(assignment.projectId, accountId, assignment.role)
  }

  #assertNotLastOwner(target: AccountRow, change: 'removed' | 'demoted'): void {
    const { others } = this.deps.db
      .prepare<[string], { others: number }>(
        `SELECT COUNT(*) AS others FROM accounts WHERE org_role = 'owner' AND status = 'active' AND id <> ?`,
      )
      .get(target.id)!
    if (others === 0) {
      throw new AppError('LAST_OWNER', `${target.display_name} is the last Organization Owner and cannot be ${change}. Make someone else an owner first.`)
    }
  }

  /** The account, or NOT_FOUND. Every member manager sees every account (see the members list). */
  #requireAccount(accountId: string): AccountRow {
    const row = this.deps.db.prepare<[string], AccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = ?`).get(accountId)
    if (!row) throw new AppError('NOT_FOUND', 'Member not found.')
    return row
  }

  #projectRolesOf(accountId: string): ProjectRoleAssignment[] {
    return this.deps.db
      .prepare<[string], ProjectRoleAssignment>('SELECT project_id AS projectId, role FROM project_members WHERE account_id = ?')
      .all(accountId)
  }

  #memberFor(roles: ActorRoles, accountId: string): Member {
    const { db } = this.deps
    const row = db.prepare<[string], AccountRow>(`${SELECT_ACCOUNTS} WHERE a.id = ?`).get(accountId)!
    const projectRoles = db
      .prepare<[string], MemberProjectRole & { accountId: string }>(`${SELECT_PROJECT_ROLES} WHERE pm.account_id = ? ${ORDER_PROJECT_ROLES}`)
      .all(accountId)
      .map(({ projectId, projectName, role }) => ({ projectId, projectName, role }))
    return toMember(roles, row, projectRoles)
  }
}

/** Organization Owners see every project role; Project Owners only those in projects they own. */
function shows(roles: ActorRoles, projectId: string): boolean {
  return roles.orgRole === 'owner' || can(roles, 'member.manageProject', projectId).allowed
}

/** The member as `roles` may see them: project roles only where shown (`allProjectRoles` is every role they hold), and what they may do to them. */
function toMember(roles: ActorRoles, row: AccountRow, allProjectRoles: MemberProjectRole[]): Member {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    orgRole: row.org_role,
    projectRoles: allProjectRoles.filter(({ projectId }) => shows(roles, projectId)),
    status: row.status,
    enrollmentExpiresAt: row.enrollment_expires_at,
    createdAt: row.created_at,
    canEdit: mayEdit(roles, row),
    canRemove: mayRemove(roles, row),
    canIssueCode: row.status === 'pending' && mayIssueCode(roles, row, allProjectRoles.map(({ projectId }) => projectId)),
  }
}

/**
 * The IPC contract: every channel the renderer may call, with runtime schemas for its
 * input and output. Everything else is derived from this one table: main's handler
 * table (`electron/main/ipc`), the preload API, the renderer's `window.api` type and the
 * Chromium test bridge. Add a channel here and the type checker lists every place that
 * must handle it.
 *
 * Inputs are strict objects (unknown keys are rejected) and every string is bounded and
 * well-formed UTF-16 (see `text`), so an oversize or crafted payload is refused before any
 * handler runs. Outputs are parsed
 * on the way out too: a field that is not in the schema never leaves main.
 */
import { z } from 'zod'
import { CLUSTER_ROLES, ORG_ROLES, PROJECT_ROLES } from '../domain'
import { PASSPHRASE_MAX_LENGTH } from '../policy/passphrase'
import type { Channel, CHANNEL_AUTH, ChannelAuth } from './channels'
import { AUDIT_ACTIONS } from '../audit/actions'

// ---------- building blocks ----------

/** Code points, or surrogates only in high+low pairs: what UTF-8, SQLite and hashing keep exactly. */
const WELL_FORMED_UTF16 = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/

/**
 * Every string input from the renderer is built from this: at most `maxLength` UTF-16 units
 * and well-formed. A lone surrogate cannot be stored as UTF-8; SQLite would hand back
 * different text (replacement characters, longer than the limit), so the audit chain,
 * the answer and later reads would disagree with what was checked here.
 */
function text(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .regex(WELL_FORMED_UTF16, 'Text must be valid Unicode: it contains a broken character (an unpaired surrogate).')
}

const id = text(64).min(1)
const name = text(200)
const email = text(254)
const passphrase = text(PASSPHRASE_MAX_LENGTH)
const clusterUsername = text(64)
const clusterPassword = text(256)
const timestamp = z.number().int().nonnegative()
const empty = z.strictObject({})

export const orgRole = z.enum(ORG_ROLES)
export const projectRole = z.enum(PROJECT_ROLES)
export const clusterRole = z.enum(CLUSTER_ROLES)

/** How a new cluster password is chosen: generated in main by a CSPRNG (default) or typed. */
export const passwordChoice = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('generate'),
    length: z.number().int().min(8).max(64).optional(),
    avoidLookAlikes: z.boolean().optional(),
  }),
  z.strictObject({ mode: z.literal('typed'), password: clusterPassword }),
])

const projectRoleAssignment = z.strictObject({ projectId: id, role: projectRole })

export const accountSummary = z.object({ id, displayName: name, email })

export const sessionInfo = z.object({
  account: accountSummary,
  organization: z.object({ id, name }),
  orgRole,
  projectRoles: z.array(z.object({ projectId: id, projectName: name, role: projectRole })),
})

export const revealTicket = z.object({ ticketId: id, expiresAt: timestamp })

export const member = z.object({
  id,
  displayName: name,
  email,
  orgRole,
  projectRoles: z.array(z.object({ projectId: id, projectName: name, role: projectRole })),
  status: z.enum(['active', 'pending']),
  enrollmentExpiresAt: timestamp.nullable(),
  createdAt: timestamp,
  /** Whether the caller may issue this pending member a new enrollment code (UX hint; main re-checks). */
  canIssueCode: z.boolean(),
})

export const enrollmentCode = z.object({ code: z.string(), expiresAt: timestamp })

export const project = z.object({
  id,
  name,
  /** The caller's effective role in the project: org owners count as project owners. */
  myRole: projectRole.nullable(),
  clusterCount: z.number().int().nonnegative(),
  createdAt: timestamp,
})

export const cluster = z.object({
  id,
  projectId: id,
  projectName: name,
  name,
  endpoint: z.string(),
  createdAt: timestamp,
  createdBy: name,
  userCount: z.number().int().nonnegative(),
  /** Whether the caller may add/reset/drop/change cluster users here (UX hint; main re-checks). */
  canManageUsers: z.boolean(),
})

export const clusterUser = z.object({
  username: z.string(),
  role: clusterRole,
  isDefaultAdmin: z.boolean(),
  createdAt: timestamp,
  createdBy: name,
  passwordResetAt: timestamp.nullable(),
  passwordResetBy: name.nullable(),
})

export const auditOutcome = z.enum(['allowed', 'denied'])

/**
 * A row as stored. `action` is a string, not the vocabulary: rows from earlier (legacy
 * codes) or later versions must still show. A row whose columns hold types core never
 * writes (edited outside the app) is shown `damaged`, with what could not be read as null.
 */
export const auditRow = z.object({
  id: z.number().int(),
  at: timestamp.nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  clusterId: z.string().nullable(),
  outcome: auditOutcome.nullable(),
  errorCode: z.string().nullable(),
  damaged: z.boolean(),
})

export const auditAction = z.enum(AUDIT_ACTIONS)

/** `from` inclusive, `to` exclusive (ms since the epoch); `text` matches target, actor, action and its label, error code. */
export const auditFilter = z.strictObject({
  actorId: id.optional(),
  clusterId: id.optional(),
  action: auditAction.optional(),
  outcome: auditOutcome.optional(),
  from: timestamp.optional(),
  to: timestamp.optional(),
  text: text(200).optional(),
})

/** What a chain check found; see electron/core/audit/auditLog.ts for each status. */
export const auditVerification = z.object({
  ok: z.boolean(),
  checkedRows: z.number().int().nonnegative(),
  firstBrokenRowId: z.number().int().nullable(),
  anchor: z.object({
    status: z.enum(['verified', 'not_checked', 'broken', 'missing', 'none']),
    rowId: z.number().int().nullable(),
  }),
  unkeyedRows: z.number().int().nonnegative().nullable(),
  receipt: z
    .object({ rowId: z.number().int().positive(), status: z.enum(['matches', 'mismatch', 'missing', 'not_checked']) })
    .nullable(),
  headReceipt: z.string().nullable(),
})

// ---------- the channel table ----------

/**
 * `auth: 'public'` channels run without a session (first run, sign-in); every other
 * channel requires a signed-in account and gets UNAUTHENTICATED without one. The names and
 * `auth` values must equal the zod-free list in ./channels.ts (which the preload uses).
 */
export const contract = {
  // --- app, workspace, session (foundation) ---
  'app.status': {
    auth: 'public',
    input: empty,
    output: z.object({
      workspace: z.object({ organizationName: name }).nullable(),
      session: sessionInfo.nullable(),
    }),
  },
  'workspace.create': {
    auth: 'public',
    input: z.strictObject({ organizationName: name, displayName: name, email, passphrase }),
    output: sessionInfo,
  },
  'accounts.listForSignIn': {
    auth: 'public',
    input: empty,
    output: z.array(accountSummary),
  },
  'session.signIn': {
    auth: 'public',
    input: z.strictObject({ accountId: id, passphrase }),
    output: sessionInfo,
  },
  'session.signOut': { auth: 'session', input: empty, output: z.null() },
  'session.changePassphrase': {
    auth: 'session',
    input: z.strictObject({ currentPassphrase: passphrase, newPassphrase: passphrase }),
    output: z.null(),
  },

  // --- members and roles (account users) ---
  'members.list': { auth: 'session', input: empty, output: z.array(member) },
  'members.add': {
    auth: 'session',
    input: z.strictObject({
      displayName: name,
      email,
      orgRole,
      projectRoles: z.array(projectRoleAssignment).max(200),
    }),
    output: z.object({ member, enrollment: enrollmentCode }),
  },
  'members.update': {
    auth: 'session',
    input: z.strictObject({
      accountId: id,
      orgRole: orgRole.optional(),
      projectRoles: z.array(projectRoleAssignment).max(200).optional(),
    }),
    output: member,
  },
  'members.remove': { auth: 'session', input: z.strictObject({ accountId: id }), output: z.null() },
  'members.reissueEnrollment': {
    auth: 'session',
    input: z.strictObject({ accountId: id }),
    output: enrollmentCode,
  },
  /** A pending member redeems the one-time code at the workstation and sets a passphrase. */
  'enrollment.redeem': {
    auth: 'public',
    input: z.strictObject({ email, code: text(64), passphrase }),
    output: sessionInfo,
  },

  // --- projects and clusters ---
  'projects.list': { auth: 'session', input: empty, output: z.array(project) },
  'projects.create': { auth: 'session', input: z.strictObject({ name }), output: project },
  'clusters.list': {
    auth: 'session',
    input: z.strictObject({ projectId: id.optional() }),
    output: z.array(cluster),
  },
  'clusters.get': { auth: 'session', input: z.strictObject({ clusterId: id }), output: cluster },
  'clusters.create': {
    auth: 'session',
    input: z.strictObject({
      projectId: id,
      name,
      endpoint: text(512),
      dbAdminPassword: passwordChoice,
    }),
    output: z.object({ cluster, reveal: revealTicket }),
  },

  // --- cluster users (the seed's sections) ---
  'clusterUsers.list': {
    auth: 'session',
    input: z.strictObject({ clusterId: id }),
    output: z.array(clusterUser),
  },
  'clusterUsers.add': {
    auth: 'session',
    input: z.strictObject({ clusterId: id, username: clusterUsername, role: clusterRole, password: passwordChoice }),
    output: z.object({ user: clusterUser, reveal: revealTicket }),
  },
  'clusterUsers.resetPassword': {
    auth: 'session',
    input: z.strictObject({ clusterId: id, username: clusterUsername, password: passwordChoice }),
    output: z.object({ reveal: revealTicket }),
  },
  'clusterUsers.drop': {
    auth: 'session',
    input: z.strictObject({ clusterId: id, username: clusterUsername, confirmUsername: clusterUsername }),
    output: z.null(),
  },
  'clusterUsers.changeRole': {
    auth: 'session',
    input: z.strictObject({ clusterId: id, username: clusterUsername, role: clusterRole }),
    output: clusterUser,
  },
  /** Offline check of a credential against the stored Argon2id hash, as a cluster would. */
  'clusterUsers.verifyCredential': {
    auth: 'session',
    input: z.strictObject({ clusterId: id, username: clusterUsername, password: clusterPassword }),
    output: z.object({ valid: z.boolean(), role: clusterRole.nullable() }),
  },

  // --- show-once ---
  'reveal.open': {
    auth: 'session',
    input: z.strictObject({ ticketId: id }),
    output: z.object({ clusterId: id, clusterName: name, endpoint: z.string(), username: z.string(), password: z.string() }),
  },
  'reveal.dismiss': { auth: 'session', input: z.strictObject({ ticketId: id }), output: z.null() },

  // --- clipboard (main owns it so it can clear only what it copied) ---
  'clipboard.copySecret': {
    auth: 'session',
    input: z.strictObject({ text: text(4096) }),
    output: z.object({ clearsAt: timestamp }),
  },

  // --- audit ---
  'audit.list': {
    auth: 'session',
    input: z.strictObject({
      filter: auditFilter,
      limit: z.number().int().min(1).max(500),
      beforeId: z.number().int().positive().optional(),
    }),
    output: z.object({ rows: z.array(auditRow), hasMore: z.boolean() }),
  },
  'audit.exportCsv': { auth: 'session', input: z.strictObject({ filter: auditFilter }), output: z.object({ csv: z.string() }) },
  /** Checks the chain and its keyed head; with `receipt`, also that history up to the receipt's row is unchanged. */
  'audit.verify': {
    auth: 'session',
    input: z.strictObject({ receipt: text(64).optional() }),
    output: auditVerification,
  },
} as const satisfies { readonly [C in Channel]: ChannelSpec & { auth: (typeof CHANNEL_AUTH)[C] } }

export interface ChannelSpec {
  auth: ChannelAuth
  input: z.ZodType
  output: z.ZodType
}

export type Contract = typeof contract
export type { Channel }
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export type SessionInfo = z.output<typeof sessionInfo>
export type AccountSummary = z.output<typeof accountSummary>
export type Member = z.output<typeof member>
export type Project = z.output<typeof project>
export type Cluster = z.output<typeof cluster>
export type ClusterUser = z.output<typeof clusterUser>
export type AuditRow = z.output<typeof auditRow>
export type AuditFilter = z.output<typeof auditFilter>
export type AuditVerification = z.output<typeof auditVerification>
export type PasswordChoice = z.output<typeof passwordChoice>
export type RevealTicket = z.output<typeof revealTicket>

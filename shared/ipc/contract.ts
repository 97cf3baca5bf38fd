/**
 * The IPC contract: every channel the renderer may call, with runtime schemas for its
 * input and output. Everything else is derived from this one table: main's handler
 * table (`electron/main/ipc`), the preload API, the renderer's `window.api` type and the
 * Chromium test bridge. Add a channel here and the type checker lists every place that
 * must handle it.
 *
 * Inputs are strict objects (unknown keys are rejected) and every string is bounded, so
 * an oversize or crafted payload is refused before any handler runs. Outputs are parsed
 * on the way out too: a field that is not in the schema never leaves main.
 */
import { z } from 'zod'
import { CLUSTER_ROLES, ORG_ROLES, PROJECT_ROLES } from '../domain'
import { PASSPHRASE_MAX_LENGTH } from '../policy/passphrase'
import { AUTO_LOCK_MINUTES, CLIPBOARD_CLEAR_SECONDS } from '../policy/settings'
import { VAULT_ENTRY_STATES, VAULT_LIMITS, VAULT_SORT_KEYS } from '../policy/vault'

// ---------- building blocks ----------

const id = z.string().min(1).max(64)
const name = z.string().max(200)
const email = z.string().max(254)
const passphrase = z.string().max(PASSPHRASE_MAX_LENGTH)
const clusterUsername = z.string().max(64)
const clusterPassword = z.string().max(256)
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

export const auditRow = z.object({
  id: z.number().int(),
  at: timestamp,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  clusterId: z.string().nullable(),
  outcome: auditOutcome,
  errorCode: z.string().nullable(),
})

export const auditFilter = z.strictObject({
  actorId: id.optional(),
  clusterId: id.optional(),
  action: z.string().max(64).optional(),
  outcome: auditOutcome.optional(),
})

// ---------- vault ----------

export const vaultEntryState = z.enum(VAULT_ENTRY_STATES)
export const vaultSortKey = z.enum(VAULT_SORT_KEYS)
const vaultTitle = z.string().max(VAULT_LIMITS.titleMax)
const vaultUsername = z.string().max(VAULT_LIMITS.usernameMax)
const vaultEndpoint = z.string().max(VAULT_LIMITS.endpointMax)
const vaultPassword = z.string().max(VAULT_LIMITS.passwordMax)
const vaultNotes = z.string().max(VAULT_LIMITS.notesMax)
const vaultTags = z.array(z.string().max(VAULT_LIMITS.tagMax)).max(VAULT_LIMITS.tagsMax)
/** 0 = the current password; 1..5 = earlier ones, newest first. */
const historyIndex = z.number().int().min(0).max(VAULT_LIMITS.historyKept)

/** Where an entry came from. `kept`: from a show-once ticket; `manual`: typed; `imported`: from a backup. */
export const vaultEntryOrigin = z.enum(['kept', 'manual', 'imported'])

/**
 * One vault entry as listed: clear metadata only, never a secret. Listing, search and sort
 * read these fields and decrypt nothing.
 */
export const vaultEntrySummary = z.object({
  id,
  title: z.string(),
  username: z.string(),
  /** The workspace cluster the entry names, if any (null for a credential received elsewhere). */
  clusterId: id.nullable(),
  clusterName: name.nullable(),
  endpoint: z.string(),
  clusterRole: clusterRole.nullable(),
  tags: z.array(z.string()),
  state: vaultEntryState,
  origin: vaultEntryOrigin,
  createdAt: timestamp,
  updatedAt: timestamp,
})

/** One entry opened: its metadata, where the credential came from, and counts (still no secret). */
export const vaultEntryDetail = vaultEntrySummary.extend({
  /** For entries kept from show-once: who created or reset the password, and when. */
  source: z
    .object({ event: z.enum(['created', 'reset']), byName: name, at: timestamp })
    .nullable(),
  /** The cluster user's credential version this password belongs to (null when unlinked). */
  credentialVersion: z.number().int().nonnegative().nullable(),
  hasNotes: z.boolean(),
  /** Earlier passwords kept, 0..5; reveal or copy one with its historyIndex. */
  historyCount: z.number().int().min(0).max(VAULT_LIMITS.historyKept),
})

const vaultEntryFields = {
  title: vaultTitle,
  /** A workspace cluster; its name and endpoint are recorded and the credential is checked once. */
  clusterId: id.nullable(),
  /** Endpoint of a cluster outside this workspace; ignored (taken from the cluster) when clusterId is set. */
  endpoint: vaultEndpoint,
  username: vaultUsername,
  password: vaultPassword,
  notes: vaultNotes,
  tags: vaultTags,
}

export const connectSnippetKind = z.enum(['pymilvus', 'node', 'curl'])

export const importPlanItem = z.object({
  title: z.string(),
  username: z.string(),
  endpoint: z.string(),
  /** add: new entry; update: replaces an existing entry's fields (its old password goes to history); skip: identical or local is newer. */
  action: z.enum(['add', 'update', 'skip']),
  /** For update/skip: the entry of this vault it matched. */
  matchesEntryId: id.nullable(),
  reason: z.string(),
})

export const importPreview = z.object({
  importId: id,
  expiresAt: timestamp,
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  items: z.array(importPlanItem),
})

export const appSettings = z.object({
  autoLockMinutes: z.number().int().min(AUTO_LOCK_MINUTES.min).max(AUTO_LOCK_MINUTES.max),
  clipboardClearSeconds: z.number().int().min(CLIPBOARD_CLEAR_SECONDS.min).max(CLIPBOARD_CLEAR_SECONDS.max),
})

const clearsAt = z.object({ clearsAt: timestamp })

// ---------- the channel table ----------

/**
 * `auth: 'public'` channels run without a session (first run, sign-in); every other
 * channel requires a signed-in account and gets UNAUTHENTICATED without one.
 */
export const contract = {
  // --- app, workspace, session (foundation) ---
  'app.status': {
    auth: 'public',
    input: empty,
    output: z.object({
      workspace: z.object({ organizationName: name }).nullable(),
      session: sessionInfo.nullable(),
      /** Set while the session is locked: the account to unlock (with session.signIn). Absent or null: not locked. */
      locked: z.object({ account: accountSummary }).nullable().optional(),
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
  /**
   * Locks: wipes the account key, every open ticket and pending import, clears the
   * clipboard if it still holds a copied secret, but remembers the account. Unlocking is
   * session.signIn for that account (same throttling). Every session channel answers
   * VAULT_LOCKED until then. Also public: locking an already locked session is a no-op.
   */
  'session.lock': { auth: 'public', input: empty, output: z.null() },
  /** The renderer reports user input (at most every few seconds); resets main's idle timer. */
  'session.activity': { auth: 'session', input: empty, output: z.object({ autoLockAt: timestamp }) },
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
    input: z.strictObject({ email, code: z.string().max(64), passphrase }),
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
      endpoint: z.string().max(512),
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
    input: z.strictObject({ text: z.string().max(4096) }),
    output: z.object({ clearsAt: timestamp }),
  },

  // --- vault (personal: every channel acts on the signed-in account's own entries only) ---
  'vault.list': {
    auth: 'session',
    input: z.strictObject({
      query: z.string().max(VAULT_LIMITS.queryMax).optional(),
      sort: z.strictObject({ by: vaultSortKey, direction: z.enum(['asc', 'desc']) }).optional(),
      state: vaultEntryState.optional(),
    }),
    output: z.object({ entries: z.array(vaultEntrySummary), total: z.number().int().nonnegative() }),
  },
  'vault.get': { auth: 'session', input: z.strictObject({ entryId: id }), output: vaultEntryDetail },
  'vault.revealPassword': {
    auth: 'session',
    input: z.strictObject({ entryId: id, historyIndex: historyIndex.optional() }),
    output: z.object({ password: z.string(), replacedAt: timestamp.nullable() }),
  },
  'vault.copyPassword': {
    auth: 'session',
    input: z.strictObject({ entryId: id, historyIndex: historyIndex.optional() }),
    output: clearsAt,
  },
  'vault.revealNotes': { auth: 'session', input: z.strictObject({ entryId: id }), output: z.object({ notes: z.string() }) },
  'vault.add': { auth: 'session', input: z.strictObject(vaultEntryFields), output: vaultEntryDetail },
  /** Only the fields given change. A new password moves the old one into history (last 5 kept). */
  'vault.update': {
    auth: 'session',
    input: z.strictObject({
      entryId: id,
      title: vaultTitle.optional(),
      clusterId: id.nullable().optional(),
      endpoint: vaultEndpoint.optional(),
      username: vaultUsername.optional(),
      password: vaultPassword.optional(),
      notes: vaultNotes.optional(),
      tags: vaultTags.optional(),
    }),
    output: vaultEntryDetail,
  },
  'vault.remove': { auth: 'session', input: z.strictObject({ entryId: id }), output: z.null() },
  /**
   * Keeps the password of a show-once ticket that was opened (or is still open) and not yet
   * dismissed. Main copies it from the ticket: the password never comes back from the
   * renderer. The ticket stays show-once; close it with reveal.dismiss as usual.
   */
  'vault.keepFromReveal': {
    auth: 'session',
    input: z.strictObject({ ticketId: id, title: vaultTitle.optional(), tags: vaultTags.optional() }),
    output: vaultEntryDetail,
  },
  /** Connection snippets with a placeholder where the password goes; the password is never in this text. */
  'vault.connectSnippets': {
    auth: 'session',
    input: z.strictObject({ entryId: id }),
    output: z.object({
      endpoint: z.string(),
      username: z.string(),
      snippets: z.array(z.object({ kind: connectSnippetKind, label: z.string(), text: z.string() })),
    }),
  },
  /** Copies the snippet with the real password filled in, from main. */
  'vault.copySnippet': { auth: 'session', input: z.strictObject({ entryId: id, kind: connectSnippetKind }), output: clearsAt },
  /** The whole vault as one armored age file under a backup passphrase (scrypt recipient). */
  'vault.exportBackup': {
    auth: 'session',
    input: z.strictObject({ passphrase }),
    output: z.object({
      fileName: z.string(),
      armored: z.string(),
      entryCount: z.number().int().nonnegative(),
      /** Damaged entries (VAULT_ENTRY_CORRUPT) left out of the file; the person is told. */
      unreadable: z.number().int().nonnegative(),
    }),
  },
  /**
   * Decrypts a backup (armored or binary age, base64 of the file's bytes) and plans what
   * it would change; nothing is written. The plan is held in main until applied,
   * cancelled, expired or the session locks.
   */
  'vault.previewImport': {
    auth: 'session',
    input: z.strictObject({
      fileBase64: z.string().max(Math.ceil(VAULT_LIMITS.backupMaxBytes / 3) * 4),
      passphrase,
    }),
    output: importPreview,
  },
  'vault.applyImport': {
    auth: 'session',
    input: z.strictObject({ importId: id }),
    output: z.object({
      added: z.number().int().nonnegative(),
      updated: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
    }),
  },
  'vault.cancelImport': { auth: 'session', input: z.strictObject({ importId: id }), output: z.null() },

  // --- settings (per account) ---
  'settings.get': { auth: 'session', input: empty, output: appSettings },
  'settings.update': {
    auth: 'session',
    input: z.strictObject({
      autoLockMinutes: appSettings.shape.autoLockMinutes.optional(),
      clipboardClearSeconds: appSettings.shape.clipboardClearSeconds.optional(),
    }),
    output: appSettings,
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
  'audit.verify': {
    auth: 'session',
    input: empty,
    output: z.object({
      ok: z.boolean(),
      checkedRows: z.number().int().nonnegative(),
      firstBrokenRowId: z.number().int().nullable(),
    }),
  },
} as const satisfies Record<string, ChannelSpec>

export interface ChannelSpec {
  auth: 'public' | 'session'
  input: z.ZodType
  output: z.ZodType
}

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>

export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value)
}

/** Prefix for Electron IPC channel names, so nothing else on ipcMain can be reached. */
export const IPC_PREFIX = 'cc:'

export type SessionInfo = z.output<typeof sessionInfo>
export type AccountSummary = z.output<typeof accountSummary>
export type Member = z.output<typeof member>
export type Project = z.output<typeof project>
export type Cluster = z.output<typeof cluster>
export type ClusterUser = z.output<typeof clusterUser>
export type AuditRow = z.output<typeof auditRow>
export type AuditFilter = z.output<typeof auditFilter>
export type PasswordChoice = z.output<typeof passwordChoice>
export type RevealTicket = z.output<typeof revealTicket>
export type VaultEntrySummary = z.output<typeof vaultEntrySummary>
export type VaultEntryDetail = z.output<typeof vaultEntryDetail>
export type VaultEntryOrigin = z.output<typeof vaultEntryOrigin>
export type ConnectSnippetKind = z.output<typeof connectSnippetKind>
export type ImportPreview = z.output<typeof importPreview>
export type ImportPlanItem = z.output<typeof importPlanItem>
export type AppSettingsOutput = z.output<typeof appSettings>

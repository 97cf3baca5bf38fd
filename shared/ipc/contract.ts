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
import { CLUSTER_ROLES, LIMITS, ORG_ROLES, PROJECT_ROLES } from '../domain'
import { PASSPHRASE_MAX_LENGTH } from '../policy/passphrase'
import { AUTO_LOCK_MINUTES, CLIPBOARD_CLEAR_SECONDS } from '../policy/settings'
import { VAULT_ENTRY_STATES, VAULT_LIMITS, VAULT_SORT_KEYS } from '../policy/vault'
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

/**
 * What the signed-in person may do at organization level, decided by main
 * (electron/core/authz) from their roles at the moment the session info was produced. The
 * renderer shows, hides and guards routes with these flags and never re-derives them from
 * roles; main re-checks every call.
 */
export const sessionPermissions = z.object({
  createProjects: z.boolean(),
  /** Open Members: Organization Owners and owners of at least one project. */
  manageMembers: z.boolean(),
  /** Organization roles, removing accounts, Organization Owners' accounts. */
  manageOrganization: z.boolean(),
  viewAudit: z.boolean(),
})

export const sessionInfo = z.object({
  account: accountSummary,
  organization: z.object({ id, name }),
  orgRole,
  projectRoles: z.array(z.object({ projectId: id, projectName: name, role: projectRole })),
  permissions: sessionPermissions,
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
  /** Whether the caller may edit this member's roles / remove them (UX hints; main re-checks). */
  canEdit: z.boolean(),
  canRemove: z.boolean(),
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
  receipt: z.object({ rowId: z.number().int().positive(), status: z.enum(['matches', 'mismatch', 'missing', 'not_checked']) }).nullable(),
  headReceipt: z.string().nullable(),
})

// ---------- handoff ----------

/** An armored handoff file or a contact card, as pasted, read from a file or decoded from a QR image. */
const handoffText = text(LIMITS.handoffTextMaxLength)
const fingerprint = text(80)

export const contact = z.object({
  id,
  kind: z.enum(['member', 'card', 'external']),
  name,
  email: email.nullable(),
  ageRecipient: z.string(),
  fingerprint: z.string().nullable(),
  verified: z.boolean(),
})

export const qrImage = z.object({ dataUrl: z.string(), bytes: z.number().int().nonnegative() })

export const handoffSender = z.object({ name, email, fingerprint: z.string(), verified: z.boolean() })

export const handoffOpenOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('confirmSender'), sender: handoffSender }),
  z.object({
    status: z.literal('opened'),
    handoffId: id,
    reveal: revealTicket,
    sender: handoffSender,
    clusterName: name,
    username: z.string(),
    role: clusterRole.nullable(),
    note: z.string().nullable(),
    expiresAt: timestamp,
  }),
])

export const sentHandoff = z.object({
  handoffId: id,
  recipientId: id,
  recipientName: name,
  delivery: z.enum(['inbox', 'file']),
  enforced: z.boolean(),
  expiresAt: timestamp,
  armored: z.string().nullable(),
})

export const inboxItem = z.object({
  handoffId: id,
  senderName: name,
  senderEmail: email,
  clusterName: name,
  username: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp,
})

export const outboxItem = z.object({
  handoffId: id,
  recipientName: name,
  recipientEmail: email,
  clusterName: name,
  username: z.string(),
  createdAt: timestamp,
  expiresAt: timestamp,
  status: z.enum(['waiting', 'opened', 'revoked']),
  closedAt: timestamp.nullable(),
})

// ---------- vault ----------

export const vaultEntryState = z.enum(VAULT_ENTRY_STATES)
export const vaultSortKey = z.enum(VAULT_SORT_KEYS)
const vaultTitle = text(VAULT_LIMITS.titleMax)
const vaultUsername = text(VAULT_LIMITS.usernameMax)
const vaultEndpoint = text(VAULT_LIMITS.endpointMax)
const vaultPassword = text(VAULT_LIMITS.passwordMax)
const vaultNotes = text(VAULT_LIMITS.notesMax)
const vaultTags = z.array(text(VAULT_LIMITS.tagMax)).max(VAULT_LIMITS.tagsMax)
/** 0 = the current password; 1..5 = earlier ones, newest first. */
const historyIndex = z.number().int().min(0).max(VAULT_LIMITS.historyKept)

/** Where an entry came from. `kept`: from a show-once ticket; `manual`: typed; `imported`: from a backup. */
export const vaultEntryOrigin = z.enum(['kept', 'manual', 'imported'])

/**
 * One vault entry as the Vault screen lists it: only what a row shows (clear metadata, never
 * a secret). Listing, search and sort read stored metadata and decrypt nothing. Strings are
 * plain here (main produced them; the list can be 10,000 rows long and is parsed on the way out).
 */
export const vaultEntrySummary = z.object({
  id: z.string(),
  title: z.string(),
  username: z.string(),
  /** The workspace cluster's name, if the entry names one (null for a credential received elsewhere). */
  clusterName: z.string().nullable(),
  endpoint: z.string(),
  tags: z.array(z.string()),
  state: vaultEntryState,
})

/** One entry opened: everything about it except its secrets (password, notes and earlier passwords stay sealed). */
export const vaultEntryDetail = vaultEntrySummary.extend({
  id,
  /** The workspace cluster the entry names, if any. */
  clusterId: id.nullable(),
  clusterRole: clusterRole.nullable(),
  origin: vaultEntryOrigin,
  createdAt: timestamp,
  updatedAt: timestamp,
  /** For entries kept from show-once: who created or reset the password, and when. */
  source: z.object({ event: z.enum(['created', 'reset']), byName: name, at: timestamp }).nullable(),
  /** The cluster user's credential version this password belongs to (null when unlinked). */
  credentialVersion: z.number().int().nonnegative().nullable(),
  hasNotes: z.boolean(),
  /** Earlier passwords kept, 0..5 (the length of `history`). */
  historyCount: z.number().int().min(0).max(VAULT_LIMITS.historyKept),
  /**
   * The earlier passwords, newest first, without the passwords: reveal or copy one with its
   * `index` (its historyIndex). `replacedAt` is clear metadata, so the dates show without
   * decrypting; null only if it could not be read from an entry written before it was kept in clear.
   */
  history: z.array(z.object({ index: historyIndex.min(1), replacedAt: timestamp.nullable() })).max(VAULT_LIMITS.historyKept),
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

  // --- handoff: contacts ---
  'contacts.myCard': {
    auth: 'session',
    input: empty,
    output: z.object({ name, email, ageRecipient: z.string(), fingerprint: z.string(), text: z.string(), qr: qrImage }),
  },
  'contacts.list': { auth: 'session', input: empty, output: z.array(contact) },
  'contacts.importCard': { auth: 'session', input: z.strictObject({ text: handoffText }), output: contact },
  'contacts.addExternal': {
    auth: 'session',
    input: z.strictObject({ name, ageRecipient: text(100) }),
    output: contact,
  },
  'contacts.setVerified': { auth: 'session', input: z.strictObject({ contactId: id, verified: z.boolean() }), output: contact },
  'contacts.remove': { auth: 'session', input: z.strictObject({ contactId: id }), output: z.null() },

  // --- handoff: sending and receiving ---
  /** The password comes from a show-once ticket main still holds; it never travels renderer → main. */
  'handoff.send': {
    auth: 'session',
    input: z.strictObject({
      source: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('reveal'), ticketId: id }),
        z.strictObject({ kind: z.literal('vault'), entryId: id }),
      ]),
      recipientIds: z.array(id).max(LIMITS.handoffMaxRecipients),
      expiresInHours: z
        .number()
        .int()
        .min(1)
        .max(LIMITS.handoffMaxTtlMs / 3_600_000),
      note: text(LIMITS.handoffNoteMaxLength).nullable(),
    }),
    output: z.object({ sent: z.array(sentHandoff) }),
  },
  'handoff.inbox': { auth: 'session', input: empty, output: z.array(inboxItem) },
  'handoff.outbox': { auth: 'session', input: empty, output: z.array(outboxItem) },
  'handoff.revoke': { auth: 'session', input: z.strictObject({ handoffId: id }), output: z.null() },
  'handoff.openInbox': { auth: 'session', input: z.strictObject({ handoffId: id }), output: handoffOpenOutcome },
  'handoff.openFile': {
    auth: 'session',
    input: z.strictObject({ text: handoffText, acceptSenderFingerprint: fingerprint.nullable() }),
    output: handoffOpenOutcome,
  },
  /** A QR code of a handoff file or card text (ciphertext or public data, never a plaintext secret). */
  'handoff.renderQr': { auth: 'session', input: z.strictObject({ text: handoffText }), output: qrImage },
  /**
   * The camera QR scanner is opening: until it closes (or `closesAt`, or the session ends)
   * main grants this window video capture — video only, the app's own main frame only.
   */
  'handoff.scannerOpen': { auth: 'session', input: empty, output: z.object({ closesAt: timestamp }) },
  /** The scanner stopped; main grants no more camera access. Public: closing is always allowed, signed in or not. */
  'handoff.scannerClose': { auth: 'public', input: empty, output: z.null() },

  // --- clipboard (main owns it so it can clear only what it copied) ---
  'clipboard.copySecret': {
    auth: 'session',
    input: z.strictObject({ text: text(4096) }),
    output: z.object({ clearsAt: timestamp }),
  },

  // --- vault (personal: every channel acts on the signed-in account's own entries only) ---
  'vault.list': {
    auth: 'session',
    input: z.strictObject({
      query: text(VAULT_LIMITS.queryMax).optional(),
      sort: z.strictObject({ by: vaultSortKey, direction: z.enum(['asc', 'desc']) }).optional(),
      state: vaultEntryState.optional(),
    }),
    output: z.object({
      /** The entries that match, in the order asked for. */
      entries: z.array(vaultEntrySummary),
      /** Entries in the vault, whatever the search and filter. */
      total: z.number().int().nonnegative(),
      /** Entries needing attention in the whole vault, whatever the search and filter. */
      attention: z.object({ outdated: z.number().int().nonnegative(), orphaned: z.number().int().nonnegative() }),
    }),
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
      fileBase64: text(Math.ceil(VAULT_LIMITS.backupMaxBytes / 3) * 4),
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
export type SessionPermissions = z.output<typeof sessionPermissions>
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
export type Contact = z.output<typeof contact>
export type HandoffOpenOutcome = z.output<typeof handoffOpenOutcome>
export type SentHandoff = z.output<typeof sentHandoff>
export type InboxItem = z.output<typeof inboxItem>
export type OutboxItem = z.output<typeof outboxItem>
export type QrImage = z.output<typeof qrImage>
export type VaultEntrySummary = z.output<typeof vaultEntrySummary>
export type VaultEntryDetail = z.output<typeof vaultEntryDetail>
export type VaultEntryOrigin = z.output<typeof vaultEntryOrigin>
export type ConnectSnippetKind = z.output<typeof connectSnippetKind>
export type ImportPreview = z.output<typeof importPreview>
export type ImportPlanItem = z.output<typeof importPlanItem>

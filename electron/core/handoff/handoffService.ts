/**
 * Secure handoff of a cluster credential to another person.
 *
 * Every account has a handoff identity (identity.ts). A handoff is an age file sealed to
 * the recipient's X25519 key holding a signed envelope (envelope.ts). To a member of this
 * workspace it waits in their inbox (handoff_inbox) and the sender can revoke it until it
 * is opened; to anyone else it leaves as an armored file or a QR code, and then only the
 * recipient's own app can enforce expiry and single use (an external age user is held to
 * neither: `age -d` simply shows the envelope).
 *
 * Opening checks, in order: intact and decryptable with this account's identity, a
 * well-formed envelope, a valid signature by the sender card's key, addressed to us,
 * never opened here before (a second open is an incident), not expired, and a sender
 * who is a contact (otherwise the caller is shown the fingerprint and asked). Any
 * refusal changes nothing but the audit log. The password then goes to a show-once
 * ticket, like every other password the app shows.
 *
 * Secrets: the password travels only inside the sealed file and the reveal ticket; audit
 * rows and logs name handoff ids, people, clusters and cluster users, never the secret.
 */
import { AppError, type ErrorCode } from '@shared/errors'
import { LIMITS, type ClusterRole } from '@shared/domain'
import type { RevealTicket } from '@shared/ipc/contract'
import type { Statement } from 'better-sqlite3'
import type { CoreDeps } from '../coreDeps'
import { randomBytes } from '../crypto/sodium'
import { loadAge } from '../lazyLibraries'
import type { RevealService } from '../reveal/revealService'
import type { Actor } from '../session'
import { OUTSIDE_WORKSPACE_CLUSTER_ID, openEnvelope, sealEnvelope, type HandoffPayload, type OpenFailure } from './envelope'
import {
  AGE_RECIPIENT_PATTERN,
  decodeCard,
  encodeCard,
  fingerprintOf,
  IDENTITY_FORMAT_VERSION,
  sealIdentity,
  unsealIdentity,
  type ContactCard,
  type HandoffPrivateKeys,
  type SealedIdentity,
} from './identity'

export type HandoffDeps = Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'session' | 'audit' | 'logger'>

export type ContactKind = 'member' | 'card' | 'external'

export interface ContactView {
  id: string
  kind: ContactKind
  name: string
  email: string | null
  ageRecipient: string
  /** Null for external recipients: they have no signing key, their `age1…` is what to compare. */
  fingerprint: string | null
  verified: boolean
}

export interface MyCard {
  name: string
  email: string
  ageRecipient: string
  fingerprint: string
  /** The card's one text form (canonical JSON): file, pasted text and QR code all carry it. */
  text: string
}

/** What the vault lends a handoff: an entry's description and its current password. */
export interface VaultSource {
  get(
    actor: Actor,
    entryId: string,
  ): {
    title: string
    clusterId: string | null
    clusterName: string | null
    endpoint: string
    username: string
    clusterRole: ClusterRole | null
  }
  passwordForHandoff(actor: Actor, entryId: string): string
}

export type HandoffSource = { kind: 'reveal'; ticketId: string } | { kind: 'vault'; entryId: string }

export interface SendInput {
  /** A show-once ticket main still holds (opened or not), or an entry of the sender's vault. */
  source: HandoffSource
  recipientIds: string[]
  expiresInHours: number
  note: string | null
}

export interface SentHandoff {
  handoffId: string
  recipientId: string
  recipientName: string
  delivery: 'inbox' | 'file'
  /** Whether expiry and single use are enforced: only by this app, so not for external recipients. */
  enforced: boolean
  expiresAt: number
  /** The armored age file, for file deliveries only (inbox rows stay in the workspace). */
  armored: string | null
}

export interface InboxItem {
  handoffId: string
  senderName: string
  senderEmail: string
  clusterName: string
  username: string
  createdAt: number
  expiresAt: number
}

export interface OutboxItem {
  handoffId: string
  recipientName: string
  recipientEmail: string
  clusterName: string
  username: string
  createdAt: number
  expiresAt: number
  status: 'waiting' | 'opened' | 'revoked'
  closedAt: number | null
}

export interface SenderView {
  name: string
  email: string
  fingerprint: string
  /** Whether the sender is a verified contact (members are vouched for by the workspace). */
  verified: boolean
}

export type OpenOutcome =
  | { status: 'confirmSender'; sender: SenderView }
  | {
      status: 'opened'
      handoffId: string
      reveal: RevealTicket
      sender: SenderView
      clusterName: string
      username: string
      role: ClusterRole | null
      note: string | null
      expiresAt: number
    }

interface IdentityRow {
  account_id: string
  format_version: number
  age_recipient: string
  signing_public_key: Buffer
  sealed_nonce: Buffer
  sealed_private: Buffer
}

interface ContactRow {
  id: string
  kind: 'card' | 'external'
  display_name: string
  email: string | null
  age_recipient: string
  signing_public_key: Buffer | null
  verified: number
}

interface MemberRow {
  id: string
  display_name: string
  email: string
  age_recipient: string
  signing_public_key: Buffer
}

const MEMBER_PREFIX = 'member:'
const HOUR_MS = 60 * 60 * 1000

const REFUSALS: Record<OpenFailure | 'expired' | 'replay', { code: ErrorCode; message: string }> = {
  tampered: {
    code: 'HANDOFF_TAMPERED',
    message: 'This handoff is damaged or was changed after it was made. Nothing was opened; ask the sender for a new one.',
  },
  not_for_me: {
    code: 'HANDOFF_NOT_FOR_ME',
    message: 'This handoff was not made for this account. Nothing was opened.',
  },
  bad_signature: {
    code: 'HANDOFF_BAD_SIGNATURE',
    message: 'This handoff is not signed by the key of the sender it names. Nothing was opened; treat it as forged.',
  },
  expired: {
    code: 'HANDOFF_EXPIRED',
    message: 'This handoff has expired. Nothing was opened; ask the sender for a new one.',
  },
  replay: {
    code: 'HANDOFF_ALREADY_OPENED',
    message: 'This handoff was already opened here and cannot be opened again. This attempt has been recorded as an incident.',
  },
}

export class HandoffService {
  readonly #deps: HandoffDeps
  readonly #reveals: RevealService
  readonly #vault: VaultSource | null
  /** Prepared once per SQL text: sending and opening run the same few statements every time. */
  readonly #statements = new Map<string, Statement>()

  constructor(deps: HandoffDeps, reveals: RevealService, vault: VaultSource | null = null) {
    this.#deps = deps
    this.#reveals = reveals
    this.#vault = vault
  }

  // ---------- identity ----------

  /**
   * Gives the signed-in account its handoff identity if it has none yet: at creation,
   * enrollment and the first sign-in after the upgrade (the account key is needed to seal it).
   */
  async ensureIdentity(actor: Actor): Promise<void> {
    await this.#ownIdentity(actor)
  }

  /** This account's identity row and card, creating the identity first if it has none. */
  async #ownIdentity(actor: Actor): Promise<{ row: IdentityRow; card: ContactCard }> {
    const existing = this.#identityRow(actor.accountId)
    if (existing) return { row: existing, card: this.#ownCard(actor, existing) }
    await this.#createIdentity(actor)
    const created = this.#identityRow(actor.accountId)
    if (!created) throw new Error('handoff identity was not stored')
    return { row: created, card: this.#ownCard(actor, created) }
  }

  async #createIdentity(actor: Actor): Promise<void> {
    const { db, sodium, clock, audit, logger } = this.#deps
    const accountKey = this.#accountKey(actor)
    const { generateX25519Identity, identityToRecipient } = await loadAge()
    const ageIdentity = await generateX25519Identity()
    const ageRecipient = await identityToRecipient(ageIdentity)
    const signing = sodium.crypto_sign_keypair()
    try {
      const sealed = sealIdentity(
        sodium,
        accountKey,
        actor.accountId,
        { ageIdentity, signingSecretKey: signing.privateKey },
        ageRecipient,
        signing.publicKey,
      )
      db.transaction(() => {
        // Checked again inside: two calls may race across the await above.
        if (this.#identityRow(actor.accountId)) return
        insertIdentity(db, actor.accountId, sealed, clock())
        audit.record({
          actor,
          action: 'handoff.identityCreate',
          target: `handoff identity of account ${actor.displayName}`,
          outcome: 'allowed',
        })
      })()
      logger.info('handoff.identity_created', { accountId: actor.accountId })
    } finally {
      sodium.memzero(signing.privateKey)
    }
  }

  async myCard(actor: Actor): Promise<MyCard> {
    const { card } = await this.#ownIdentity(actor)
    return {
      name: card.name,
      email: card.email,
      ageRecipient: card.ageRecipient,
      fingerprint: fingerprintOf(this.#deps.sodium, card.ageRecipient, card.signingPublicKey),
      text: encodeCard(card),
    }
  }

  // ---------- contacts ----------

  /** Members of this workspace (automatically, once they have an identity) and this account's own contacts. */
  listContacts(actor: Actor): ContactView[] {
    const { db, sodium } = this.#deps
    const members = db
      .prepare<[string], MemberRow>(
        `SELECT a.id, a.display_name, a.email, h.age_recipient, h.signing_public_key
         FROM accounts a JOIN handoff_identities h ON h.account_id = a.id
         WHERE a.status = 'active' AND a.id != ? ORDER BY a.display_name COLLATE NOCASE, a.id`,
      )
      .all(actor.accountId)
      .map((row) => toMemberView(sodium, row))
    const own = this.#contactRows(actor).map((row) => toContactView(sodium, row))
    return [...members, ...own]
  }

  /** Imports a contact card (file, pasted text or QR content). It stays unverified until marked. */
  importCard(actor: Actor, text: string): ContactView {
    const card = decodeCard(text)
    if (!card) {
      throw new AppError(
        'INVALID_INPUT',
        'This is not a contact card from this app. Paste or choose the card exactly as it was exported.',
        { field: 'text' },
      )
    }
    return this.#addContact(actor, {
      kind: 'card',
      name: card.name,
      email: card.email,
      ageRecipient: card.ageRecipient,
      signingPublicKey: card.signingPublicKey,
    })
  }

  /** Someone without this app: a plain `age1…` recipient from age-keygen. */
  addExternal(actor: Actor, name: string, ageRecipient: string): ContactView {
    const trimmedName = name.trim()
    if (!trimmedName || [...trimmedName].length > 100) {
      throw new AppError('INVALID_INPUT', 'Give the recipient a name of 1 to 100 characters.', { field: 'name' })
    }
    const recipient = ageRecipient.trim()
    if (!AGE_RECIPIENT_PATTERN.test(recipient)) {
      throw new AppError('INVALID_INPUT', 'Enter an age recipient as age-keygen prints it: age1 followed by 58 characters.', {
        field: 'ageRecipient',
      })
    }
    return this.#addContact(actor, { kind: 'external', name: trimmedName, email: null, ageRecipient: recipient, signingPublicKey: null })
  }

  setVerified(actor: Actor, contactId: string, verified: boolean): ContactView {
    const { db, audit, sodium } = this.#deps
    const row = this.#contactRow(actor, contactId)
    if (row.kind !== 'card')
      throw new AppError('INVALID_INPUT', 'Only imported contact cards are verified by comparing fingerprints.', { field: 'contactId' })
    db.transaction(() => {
      db.prepare('UPDATE handoff_contacts SET verified = ? WHERE id = ? AND owner_account_id = ?').run(
        verified ? 1 : 0,
        contactId,
        actor.accountId,
      )
      audit.record({ actor, action: verified ? 'contact.verify' : 'contact.unverify', target: contactTarget(row), outcome: 'allowed' })
    })()
    return toContactView(sodium, { ...row, verified: verified ? 1 : 0 })
  }

  removeContact(actor: Actor, contactId: string): void {
    const { db, audit } = this.#deps
    const row = this.#contactRow(actor, contactId)
    db.transaction(() => {
      db.prepare('DELETE FROM handoff_contacts WHERE id = ? AND owner_account_id = ?').run(contactId, actor.accountId)
      audit.record({ actor, action: 'contact.remove', target: contactTarget(row), outcome: 'allowed' })
    })()
  }

  // ---------- sending ----------

  async send(actor: Actor, input: SendInput): Promise<SentHandoff[]> {
    const { db, sodium, clock, audit, logger } = this.#deps
    const expiresInMs = input.expiresInHours * HOUR_MS
    if (!Number.isInteger(input.expiresInHours) || expiresInMs < HOUR_MS || expiresInMs > LIMITS.handoffMaxTtlMs) {
      throw new AppError('INVALID_INPUT', 'Choose an expiry between 1 hour and 7 days.', { field: 'expiresInHours' })
    }
    const note = input.note?.trim() || null
    if (note && [...note].length > LIMITS.handoffNoteMaxLength) {
      throw new AppError('INVALID_INPUT', `A note is at most ${LIMITS.handoffNoteMaxLength} characters.`, { field: 'note' })
    }
    const recipientIds = [...new Set(input.recipientIds)]
    if (recipientIds.length === 0 || recipientIds.length > LIMITS.handoffMaxRecipients) {
      throw new AppError('INVALID_INPUT', `Pick 1 to ${LIMITS.handoffMaxRecipients} recipients.`, { field: 'recipientIds' })
    }
    const recipients = recipientIds.map((id) => {
      const contact = this.#findContact(actor, id)
      if (!contact)
        throw new AppError('NOT_FOUND', 'One of the recipients is no longer a contact. Refresh and pick again.', { field: 'recipientIds' })
      return contact
    })

    const own = await this.#ownIdentity(actor)
    const sender = own.card
    const credential = this.#credentialFrom(actor, input.source)
    const now = clock()
    const expiresAt = now + expiresInMs
    const keys = this.#privateKeys(actor, own.row)
    const sealed: { payload: HandoffPayload; contact: ContactView; armored: string }[] = []
    try {
      for (const contact of recipients) {
        const payload: HandoffPayload = {
          id: sodium.to_hex(randomBytes(16)),
          createdAt: new Date(now).toISOString(),
          expiresAt: new Date(expiresAt).toISOString(),
          sender,
          recipient: contact.ageRecipient,
          credential,
          note,
        }
        sealed.push({ payload, contact, armored: await sealEnvelope(sodium, payload, keys.signingSecretKey) })
      }
    } finally {
      sodium.memzero(keys.signingSecretKey)
    }

    db.transaction(() => {
      for (const { payload, contact, armored } of sealed) {
        if (contact.kind === 'member') {
          db.prepare(
            `INSERT INTO handoff_inbox (id, sender_account_id, recipient_account_id, cluster_name, username, created_at, expires_at, status, armored)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
          ).run(
            payload.id,
            actor.accountId,
            contact.id.slice(MEMBER_PREFIX.length),
            credential.cluster,
            credential.username,
            now,
            expiresAt,
            armored,
          )
        }
        audit.record({
          actor,
          action: 'handoff.create',
          target: `handoff ${payload.id} of cluster user ${credential.username} on ${credential.cluster} to ${recipientLabel(contact)}, ${
            contact.kind === 'member'
              ? 'in their inbox'
              : contact.kind === 'external'
                ? 'as a file (external: expiry and single use not enforced)'
                : 'as a file'
          }, expires ${payload.expiresAt}`,
          clusterId: credential.clusterId === OUTSIDE_WORKSPACE_CLUSTER_ID ? null : credential.clusterId,
          outcome: 'allowed',
        })
      }
    })()
    logger.info('handoff.created', { count: sealed.length, clusterId: credential.clusterId })
    return sealed.map(({ payload, contact, armored }) => ({
      handoffId: payload.id,
      recipientId: contact.id,
      recipientName: contact.name,
      delivery: contact.kind === 'member' ? 'inbox' : 'file',
      enforced: contact.kind !== 'external',
      expiresAt,
      armored: contact.kind === 'member' ? null : armored,
    }))
  }

  #credentialFrom(actor: Actor, source: HandoffSource): HandoffPayload['credential'] {
    if (source.kind === 'reveal') {
      return this.#reveals.withSecret(actor, source.ticketId, (secret) => ({
        cluster: secret.clusterName,
        clusterId: secret.clusterId,
        endpoint: secret.endpoint,
        username: secret.username,
        role: secret.credential?.clusterRole ?? this.#clusterUserRole(secret.clusterId, secret.username),
        password: new TextDecoder().decode(secret.password),
      }))
    }
    // The vault opens only the signed-in account's own entries, only while unlocked, and
    // audits the read (vault.handoff); the password never passes through the renderer.
    if (!this.#vault) throw new Error('handoff from the vault without a vault')
    const entry = this.#vault.get(actor, source.entryId)
    const cluster = entry.clusterId !== null && entry.clusterName !== null ? { id: entry.clusterId, name: entry.clusterName } : null
    return {
      // A cluster outside this workspace is named by its endpoint's host, never by the
      // entry's title: titles are free text the vault keeps out of audit rows and files.
      cluster: cluster?.name ?? clusterNameFromEndpoint(entry.endpoint),
      clusterId: cluster?.id ?? OUTSIDE_WORKSPACE_CLUSTER_ID,
      endpoint: entry.endpoint,
      username: entry.username,
      role: entry.clusterRole,
      password: this.#vault.passwordForHandoff(actor, source.entryId),
    }
  }

  /** Handoffs waiting for this account, newest first; expired ones are left out. */
  inbox(actor: Actor): InboxItem[] {
    return this.#deps.db
      .prepare<
        [string, number],
        { id: string; display_name: string; email: string; cluster_name: string; username: string; created_at: number; expires_at: number }
      >(
        `SELECT i.id, a.display_name, a.email, i.cluster_name, i.username, i.created_at, i.expires_at
         FROM handoff_inbox i JOIN accounts a ON a.id = i.sender_account_id
         WHERE i.recipient_account_id = ? AND i.status = 'waiting' AND i.expires_at > ?
         ORDER BY i.created_at DESC, i.id`,
      )
      .all(actor.accountId, this.#deps.clock())
      .map((row) => ({
        handoffId: row.id,
        senderName: row.display_name,
        senderEmail: row.email,
        clusterName: row.cluster_name,
        username: row.username,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }))
  }

  /** Inbox handoffs this account sent, newest first, with whether they were opened or revoked. */
  outbox(actor: Actor): OutboxItem[] {
    return this.#deps.db
      .prepare<
        [string],
        {
          id: string
          display_name: string
          email: string
          cluster_name: string
          username: string
          created_at: number
          expires_at: number
          status: OutboxItem['status']
          closed_at: number | null
        }
      >(
        `SELECT i.id, a.display_name, a.email, i.cluster_name, i.username, i.created_at, i.expires_at, i.status, i.closed_at
         FROM handoff_inbox i JOIN accounts a ON a.id = i.recipient_account_id
         WHERE i.sender_account_id = ? ORDER BY i.created_at DESC, i.id LIMIT 200`,
      )
      .all(actor.accountId)
      .map((row) => ({
        handoffId: row.id,
        recipientName: row.display_name,
        recipientEmail: row.email,
        clusterName: row.cluster_name,
        username: row.username,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        status: row.status,
        closedAt: row.closed_at,
      }))
  }

  /** Withdraws a waiting inbox handoff; its sealed file is erased. Only the sender can, and only until it is opened. */
  revoke(actor: Actor, handoffId: string): void {
    const { db, audit, clock } = this.#deps
    const target = `handoff ${handoffId}`
    db.transaction(() => {
      const row = db
        .prepare<[string, string], { status: string; username: string; cluster_name: string }>(
          'SELECT status, username, cluster_name FROM handoff_inbox WHERE id = ? AND sender_account_id = ?',
        )
        .get(handoffId, actor.accountId)
      if (!row) throw new AppError('NOT_FOUND', 'No handoff of yours has this id.')
      if (row.status !== 'waiting') {
        throw new AppError(
          row.status === 'opened' ? 'HANDOFF_ALREADY_OPENED' : 'HANDOFF_REVOKED',
          row.status === 'opened'
            ? 'This handoff was already opened; it can no longer be revoked. Reset the password if it must not be used.'
            : 'This handoff was already revoked.',
        )
      }
      db.prepare(`UPDATE handoff_inbox SET status = 'revoked', closed_at = ?, armored = NULL WHERE id = ?`).run(clock(), handoffId)
      audit.record({
        actor,
        action: 'handoff.revoke',
        target: `${target} of cluster user ${row.username} on ${row.cluster_name}`,
        outcome: 'allowed',
      })
    })()
  }

  // ---------- receiving ----------

  /** Opens a handoff from this account's inbox. */
  async openFromInbox(actor: Actor, handoffId: string): Promise<OpenOutcome> {
    const row = this.#deps.db
      .prepare<[string, string], { status: string; armored: string | null }>(
        'SELECT status, armored FROM handoff_inbox WHERE id = ? AND recipient_account_id = ?',
      )
      .get(handoffId, actor.accountId)
    if (!row) throw new AppError('NOT_FOUND', 'This handoff is not in your inbox.')
    if (row.status === 'revoked') {
      this.#refuse(actor, `handoff ${handoffId}`, 'HANDOFF_REVOKED')
      throw new AppError('HANDOFF_REVOKED', 'The sender revoked this handoff. Nothing was opened.')
    }
    if (row.status === 'opened' || !row.armored) this.#replayIncident(actor, `handoff ${handoffId}`, handoffId)
    return this.#open(actor, row.armored, { inboxId: handoffId, acceptSenderFingerprint: null })
  }

  /**
   * Opens a handoff file (pasted text, a file's content or a decoded QR code). If the
   * sender is not a contact, nothing happens and the sender's fingerprint is returned for
   * the person to check; calling again with that fingerprint accepts the sender (added as
   * an unverified contact) and opens.
   */
  async openFile(actor: Actor, text: string, acceptSenderFingerprint: string | null): Promise<OpenOutcome> {
    return this.#open(actor, text, { inboxId: null, acceptSenderFingerprint })
  }

  async #open(
    actor: Actor,
    text: string,
    options: { inboxId: string | null; acceptSenderFingerprint: string | null },
  ): Promise<OpenOutcome> {
    const { db, sodium, clock, audit, logger } = this.#deps
    const own = await this.#ownIdentity(actor)
    const keys = this.#privateKeys(actor, own.row)
    sodium.memzero(keys.signingSecretKey)
    const fallbackTarget = options.inboxId ? `handoff ${options.inboxId}` : 'handoff file'
    const result = await openEnvelope(sodium, text, keys.ageIdentity, own.card.ageRecipient)
    if (!result.ok) return this.#refuseWith(actor, fallbackTarget, result.reason)
    const { payload } = result
    const target = `handoff ${payload.id} of cluster user ${payload.credential.username} on ${payload.credential.cluster} from ${payload.sender.name} <${payload.sender.email}>`
    if (options.inboxId && payload.id !== options.inboxId) return this.#refuseWith(actor, fallbackTarget, 'tampered')

    if (this.#wasOpened(payload.id)) this.#replayIncident(actor, target, payload.id)
    const expiresAt = Date.parse(payload.expiresAt)
    if (clock() >= expiresAt) return this.#refuseWith(actor, target, 'expired')

    const senderFingerprint = fingerprintOf(sodium, payload.sender.ageRecipient, payload.sender.signingPublicKey)
    const known = this.#senderStanding(actor, payload.sender)
    if (known === 'key_mismatch') return this.#refuseWith(actor, target, 'bad_signature')
    const senderView: SenderView = {
      name: payload.sender.name,
      email: payload.sender.email,
      fingerprint: senderFingerprint,
      verified: known === 'verified',
    }
    if (known === 'unknown' && options.acceptSenderFingerprint !== senderFingerprint) {
      audit.record({
        actor,
        action: 'handoff.receive',
        target: `${target}: sender is not a contact, confirmation asked`,
        outcome: 'allowed',
      })
      return { status: 'confirmSender', sender: senderView }
    }

    const now = clock()
    db.transaction(() => {
      if (known === 'unknown') {
        this.#insertContact(
          actor,
          {
            kind: 'card',
            name: payload.sender.name,
            email: payload.sender.email,
            ageRecipient: payload.sender.ageRecipient,
            signingPublicKey: payload.sender.signingPublicKey,
          },
          now,
        )
      }
      db.prepare('INSERT INTO handoff_opened (handoff_id, account_id, opened_at) VALUES (?, ?, ?)').run(payload.id, actor.accountId, now)
      if (options.inboxId) {
        db.prepare(`UPDATE handoff_inbox SET status = 'opened', closed_at = ?, armored = NULL WHERE id = ? AND status = 'waiting'`).run(
          now,
          options.inboxId,
        )
      }
      audit.record({ actor, action: 'handoff.receive', target, outcome: 'allowed' })
      audit.record({ actor, action: 'handoff.open', target, outcome: 'allowed' })
    })()
    const reveal = this.#reveals.issue(actor, {
      clusterId: payload.credential.clusterId,
      clusterName: payload.credential.cluster,
      endpoint: payload.credential.endpoint,
      username: payload.credential.username,
      password: new TextEncoder().encode(payload.credential.password),
    })
    logger.info('handoff.opened', { handoffId: payload.id, accountId: actor.accountId })
    return {
      status: 'opened',
      handoffId: payload.id,
      reveal,
      sender: senderView,
      clusterName: payload.credential.cluster,
      username: payload.credential.username,
      role: payload.credential.role,
      note: payload.note,
      expiresAt,
    }
  }

  /** A second open is an incident, the way Vault treats a used wrapping token: recorded and refused. */
  #replayIncident(actor: Actor, target: string, handoffId: string): never {
    this.#deps.audit.record({
      actor,
      action: 'handoff.incident',
      target: `${target}: second open refused`,
      outcome: 'denied',
      errorCode: 'HANDOFF_ALREADY_OPENED',
    })
    this.#deps.logger.warn('handoff.replay_refused', { handoffId, accountId: actor.accountId })
    throw new AppError(REFUSALS.replay.code, REFUSALS.replay.message)
  }

  #refuseWith(actor: Actor, target: string, reason: keyof typeof REFUSALS): never {
    const refusal = REFUSALS[reason]
    this.#refuse(actor, target, refusal.code)
    throw new AppError(refusal.code, refusal.message)
  }

  #refuse(actor: Actor, target: string, code: ErrorCode): void {
    this.#deps.audit.record({ actor, action: 'handoff.refuse', target, outcome: 'denied', errorCode: code })
  }

  /**
   * Whether the card is a contact of this account. A contact with the same age recipient
   * but another signing key means the file claims a known person's address with someone
   * else's key: that is refused as a bad signature, not offered for confirmation.
   */
  #senderStanding(actor: Actor, sender: ContactCard): 'verified' | 'unverified' | 'unknown' | 'key_mismatch' {
    // The same precedence as listContacts: a member first, then this account's own contacts.
    const member = this.#prepare<[string, string], { signing_public_key: Buffer }>(
      `SELECT h.signing_public_key FROM accounts a JOIN handoff_identities h ON h.account_id = a.id
       WHERE a.status = 'active' AND a.id != ? AND h.age_recipient = ? ORDER BY a.display_name COLLATE NOCASE, a.id LIMIT 1`,
    ).get(actor.accountId, sender.ageRecipient)
    const contact = member
      ? undefined
      : this.#prepare<[string, string], { kind: ContactRow['kind']; signing_public_key: Buffer | null; verified: number }>(
          `SELECT kind, signing_public_key, verified FROM handoff_contacts
           WHERE owner_account_id = ? AND age_recipient = ? ORDER BY display_name COLLATE NOCASE, id LIMIT 1`,
        ).get(actor.accountId, sender.ageRecipient)
    const knownKey = member?.signing_public_key ?? contact?.signing_public_key
    if (!knownKey) return 'unknown' // no such contact, or an external recipient (no signing key)
    // Same recipient, so equal fingerprints mean equal signing keys: compare the keys themselves.
    if (!this.#deps.sodium.memcmp(new Uint8Array(knownKey), sender.signingPublicKey)) return 'key_mismatch'
    return member || contact?.verified === 1 ? 'verified' : 'unverified'
  }

  #wasOpened(handoffId: string): boolean {
    return this.#prepare<[string], unknown>('SELECT 1 FROM handoff_opened WHERE handoff_id = ?').get(handoffId) !== undefined
  }

  /** One recipient by the id `listContacts` gives it, without listing (and fingerprinting) every contact. */
  #findContact(actor: Actor, contactId: string): ContactView | null {
    const { sodium } = this.#deps
    if (contactId.startsWith(MEMBER_PREFIX)) {
      const row = this.#prepare<[string, string], MemberRow>(
        `SELECT a.id, a.display_name, a.email, h.age_recipient, h.signing_public_key
         FROM accounts a JOIN handoff_identities h ON h.account_id = a.id
         WHERE a.status = 'active' AND a.id = ? AND a.id != ?`,
      ).get(contactId.slice(MEMBER_PREFIX.length), actor.accountId)
      return row ? toMemberView(sodium, row) : null
    }
    const row = this.#prepare<[string, string], ContactRow>(
      'SELECT id, kind, display_name, email, age_recipient, signing_public_key, verified FROM handoff_contacts WHERE id = ? AND owner_account_id = ?',
    ).get(contactId, actor.accountId)
    return row ? toContactView(sodium, row) : null
  }

  #prepare<P extends unknown[], R>(sql: string): Statement<P, R> {
    let statement = this.#statements.get(sql)
    if (!statement) {
      statement = this.#deps.db.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement as unknown as Statement<P, R>
  }

  // ---------- storage helpers ----------

  #addContact(actor: Actor, contact: NewContact): ContactView {
    const { db, audit, clock, sodium } = this.#deps
    const own = this.#identityRow(actor.accountId)
    if (own && own.age_recipient === contact.ageRecipient) throw new AppError('INVALID_INPUT', 'This is your own card.', { field: 'text' })
    const existing = this.listContacts(actor).find((candidate) => candidate.ageRecipient === contact.ageRecipient)
    if (existing) throw new AppError('ALREADY_EXISTS', `This recipient is already a contact: ${existing.name}.`, { field: 'text' })
    let id = ''
    db.transaction(() => {
      id = this.#insertContact(actor, contact, clock())
      audit.record({
        actor,
        action: contact.kind === 'card' ? 'contact.import' : 'contact.addExternal',
        target: contactTarget({ display_name: contact.name, email: contact.email, age_recipient: contact.ageRecipient }),
        outcome: 'allowed',
      })
    })()
    return toContactView(sodium, this.#contactRow(actor, id))
  }

  #insertContact(actor: Actor, contact: NewContact, now: number): string {
    const id = `ct_${this.#deps.sodium.to_hex(randomBytes(16))}`
    this.#deps.db
      .prepare(
        `INSERT INTO handoff_contacts (id, owner_account_id, kind, display_name, email, age_recipient, signing_public_key, verified, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      )
      .run(
        id,
        actor.accountId,
        contact.kind,
        contact.name,
        contact.email,
        contact.ageRecipient,
        contact.signingPublicKey ? Buffer.from(contact.signingPublicKey) : null,
        now,
      )
    return id
  }

  #contactRows(actor: Actor): ContactRow[] {
    return this.#deps.db
      .prepare<[string], ContactRow>(
        `SELECT id, kind, display_name, email, age_recipient, signing_public_key, verified FROM handoff_contacts
         WHERE owner_account_id = ? ORDER BY display_name COLLATE NOCASE, id`,
      )
      .all(actor.accountId)
  }

  #contactRow(actor: Actor, contactId: string): ContactRow {
    const row = this.#deps.db
      .prepare<[string, string], ContactRow>(
        'SELECT id, kind, display_name, email, age_recipient, signing_public_key, verified FROM handoff_contacts WHERE id = ? AND owner_account_id = ?',
      )
      .get(contactId, actor.accountId)
    if (!row) throw new AppError('NOT_FOUND', 'This contact no longer exists.', { field: 'contactId' })
    return row
  }

  #clusterUserRole(clusterId: string, username: string): ClusterRole {
    const row = this.#deps.db
      .prepare<[string, string], { role: ClusterRole }>('SELECT role FROM cluster_users WHERE cluster_id = ? AND username = ?')
      .get(clusterId, username)
    if (!row) throw new AppError('NOT_FOUND', `Cluster user ${username} no longer exists.`)
    return row.role
  }

  #identityRow(accountId: string): IdentityRow | undefined {
    return this.#prepare<[string], IdentityRow>(
      'SELECT account_id, format_version, age_recipient, signing_public_key, sealed_nonce, sealed_private FROM handoff_identities WHERE account_id = ?',
    ).get(accountId)
  }

  #ownCard(actor: Actor, row: IdentityRow): ContactCard {
    const account = this.#prepare<[string], { display_name: string; email: string }>(
      'SELECT display_name, email FROM accounts WHERE id = ?',
    ).get(actor.accountId)
    if (!account) throw new Error('signed-in account has no handoff identity')
    return {
      name: account.display_name,
      email: account.email,
      ageRecipient: row.age_recipient,
      signingPublicKey: new Uint8Array(row.signing_public_key),
    }
  }

  /** The caller wipes `signingSecretKey`. */
  #privateKeys(actor: Actor, row: IdentityRow): HandoffPrivateKeys {
    return unsealIdentity(this.#deps.sodium, this.#accountKey(actor), actor.accountId, {
      formatVersion: row.format_version,
      ageRecipient: row.age_recipient,
      signingPublicKey: new Uint8Array(row.signing_public_key),
      nonce: new Uint8Array(row.sealed_nonce),
      sealed: new Uint8Array(row.sealed_private),
    })
  }

  #accountKey(actor: Actor): Uint8Array {
    const current = this.#deps.session.currentActor()
    const key = this.#deps.session.accountKey()
    if (!current || current.accountId !== actor.accountId || !key) throw new AppError('UNAUTHENTICATED', 'Sign in again to continue.')
    return key
  }
}

interface NewContact {
  kind: 'card' | 'external'
  name: string
  email: string | null
  ageRecipient: string
  signingPublicKey: Uint8Array | null
}

function insertIdentity(db: HandoffDeps['db'], accountId: string, sealed: SealedIdentity, now: number): void {
  db.prepare(
    `INSERT INTO handoff_identities (account_id, format_version, age_recipient, signing_public_key, sealed_nonce, sealed_private, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    accountId,
    IDENTITY_FORMAT_VERSION,
    sealed.ageRecipient,
    Buffer.from(sealed.signingPublicKey),
    Buffer.from(sealed.nonce),
    Buffer.from(sealed.sealed),
    now,
  )
}

function toMemberView(sodium: HandoffDeps['sodium'], row: MemberRow): ContactView {
  return {
    id: MEMBER_PREFIX + row.id,
    kind: 'member',
    name: row.display_name,
    email: row.email,
    ageRecipient: row.age_recipient,
    fingerprint: fingerprintOf(sodium, row.age_recipient, new Uint8Array(row.signing_public_key)),
    // Vouched for by the workspace itself: the card comes from this very database.
    verified: true,
  }
}

function toContactView(sodium: HandoffDeps['sodium'], row: ContactRow): ContactView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.display_name,
    email: row.email,
    ageRecipient: row.age_recipient,
    fingerprint: row.signing_public_key ? fingerprintOf(sodium, row.age_recipient, new Uint8Array(row.signing_public_key)) : null,
    verified: row.verified === 1,
  }
}

function contactTarget(row: { display_name: string; email: string | null; age_recipient: string }): string {
  return `contact ${row.display_name}${row.email ? ` <${row.email}>` : ''} (${row.age_recipient})`
}

/** The `cluster` of a vault entry outside the sender's workspace: its endpoint's host, else the endpoint itself. */
function clusterNameFromEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim()
  try {
    const host = new URL(trimmed).hostname
    if (host) return host.slice(0, 200)
  } catch {
    // Not a URL: a bare host or host:port, kept as typed.
  }
  return trimmed.slice(0, 200) || 'a cluster outside this workspace'
}

function recipientLabel(contact: ContactView): string {
  return contact.email ? `${contact.name} <${contact.email}>` : `${contact.name} (${contact.ageRecipient})`
}

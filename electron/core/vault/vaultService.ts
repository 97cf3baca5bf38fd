/**
 * The personal vault: credentials a person chose to keep, encrypted under their own
 * account key. Every method acts on the acting account's entries only (every query names
 * its account id), so no other account, Organization Owner included, can list, count or
 * open them. Listing, search, sort and staleness read clear metadata only; secrets are
 * opened one field at a time, on demand. A field that fails authentication fails its
 * entry alone with VAULT_ENTRY_CORRUPT (audited) and leaves the rest of the vault usable.
 *
 * Audit rows name the entry by id ("vault entry vlt_…") and, for entries tied to a
 * cluster, carry its cluster id; titles are never logged (a title is free text and may
 * itself be sensitive, e.g. a customer's name), and no secret ever is.
 */
import type { AuditAction } from '@shared/audit/actions'
import { AppError } from '@shared/errors'
import type { ConnectSnippetKind, VaultEntryDetail, VaultEntrySummary } from '@shared/ipc/contract'
import { VAULT_LIMITS, normalizeTags, parseVaultQuery, type VaultEntryState, type VaultSortKey } from '@shared/policy/vault'
import type { ClusterRole } from '@shared/domain'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import { loadActorRoles } from '../authz/authorize'
import { can } from '../authz/permissions'
import { findCluster, findClusterUser } from '../clusters/clusterRecords'
import { verifyPassword } from '../crypto/passwordHash'
import { randomBytes } from '../crypto/sodium'
import { AttemptThrottle } from '../accounts/throttle'
import type { RevealService } from '../reveal/revealService'
import { PASSWORD_PLACEHOLDER, SNIPPET_KINDS, SNIPPET_LABELS, connectSnippet } from './connectSnippets'
import { VAULT_FORMAT_VERSION, deriveVaultKey, openField, sealField, type SealedField, type VaultField } from './vaultCrypto'
import { VaultRecords, sealedOf, toDetail, type EntryRow, type MatchCandidate, type VaultLink } from './vaultRecords'
import { vaultEntryKeys } from './vaultKeys'

export type VaultDeps = Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'session' | 'audit' | 'logger' | 'requests'>

export interface VaultEntryInput {
  title: string
  clusterId: string | null
  endpoint: string
  username: string
  password: string
  notes: string
  tags: readonly string[]
}

export interface VaultEntryChanges {
  title?: string | undefined
  clusterId?: string | null | undefined
  endpoint?: string | undefined
  username?: string | undefined
  password?: string | undefined
  notes?: string | undefined
  tags?: readonly string[] | undefined
}

export interface VaultListOptions {
  query?: string | undefined
  sort?: { by: VaultSortKey; direction: 'asc' | 'desc' } | undefined
  state?: VaultEntryState | undefined
}

/** One earlier password, newest first, inside the sealed history field. */
export interface HistoryItem {
  password: string
  replacedAt: number
}

/** Everything of one entry, opened; only ever built in main (export, import, copy). */
export interface OpenedEntry {
  detail: VaultEntryDetail
  password: string
  notes: string
  history: HistoryItem[]
}

/** Provenance of a kept or imported entry; null fields for hand-added ones. */
export interface EntryProvenance {
  origin: 'kept' | 'manual' | 'imported'
  source: { event: 'created' | 'reset'; byName: string; at: number } | null
  clusterRole: ClusterRole | null
}

interface LinkResult {
  clusterId: string | null
  endpoint: string
  clusterRole: ClusterRole | null
  link: VaultLink
  credentialVersion: number | null
}

const ENTRY_NOT_FOUND = 'This vault entry does not exist.'

export function newVaultEntryId(): string {
  return `vlt_${Buffer.from(randomBytes(16)).toString('hex')}`
}

export class VaultService {
  readonly #deps: VaultDeps
  readonly #records: VaultRecords
  readonly #reveals: RevealService
  /** The same counter as clusterUsers.verifyCredential: checking a typed password at add/edit is that check too. */
  readonly #verifyThrottle: AttemptThrottle

  constructor(deps: VaultDeps, reveals: RevealService) {
    this.#deps = deps
    this.#reveals = reveals
    this.#verifyThrottle = new AttemptThrottle(deps.db, deps.clock, 'clusterUser.verify', 'Too many wrong passwords for this cluster user.')
    this.#records = new VaultRecords(deps.db)
  }

  // ---------- reading (metadata only) ----------

  list(
    actor: Actor,
    options: VaultListOptions = {},
  ): { entries: VaultEntrySummary[]; total: number; attention: { outdated: number; orphaned: number } } {
    this.#requireUnlocked(actor)
    const { accountId } = actor
    const entries = this.#records.list(accountId, {
      terms: parseVaultQuery(options.query ?? ''),
      state: options.state,
      sort: options.sort ?? { by: 'title', direction: 'asc' },
    })
    return { entries, total: this.#records.count(accountId), attention: this.#records.attention(accountId) }
  }

  /** What import compares a backup with: each entry's id, title, username, endpoint and last change. */
  matchCandidates(actor: Actor): MatchCandidate[] {
    this.#requireUnlocked(actor)
    return this.#records.matchCandidates(actor.accountId)
  }

  get(actor: Actor, entryId: string): VaultEntryDetail {
    this.#requireUnlocked(actor)
    return toDetail(this.#requireEntry(actor, entryId))
  }

  /** How many entries the acting account has (never anyone else's). */
  count(actor: Actor): number {
    this.#requireUnlocked(actor)
    return this.#records.count(actor.accountId)
  }

  /**
   * Entries edited before schema 7 keep their earlier passwords' dates only inside the sealed
   * history. At the owner's first sign-in after the upgrade (the account key is present),
   * copy those dates into the clear history_dates column, so the entry page lists them
   * without decrypting. A history that does not open is left to fail visibly when the person
   * opens it; its dates are recorded as unknown so this does not retry at every sign-in.
   * Runs in the session-start hook; cheap when there is nothing to do (a partial index).
   */
  fillHistoryDates(actor: Actor): void {
    this.#requireUnlocked(actor)
    const rows = this.#records.withUnknownHistoryDates(actor.accountId)
    if (rows.length === 0) return
    const { db, sodium, logger } = this.#deps
    const update = db.prepare<[string, string, string]>('UPDATE vault_entries SET history_dates = ? WHERE id = ? AND account_id = ?')
    this.#withVaultKey(actor, (key) => {
      for (const row of rows) {
        let dates: (number | null)[] = Array.from({ length: row.history_count }, () => null)
        const sealed = sealedOf(row, 'history')
        const plain = sealed
          ? openField(sodium, key, sealed, {
              accountId: actor.accountId,
              entryId: row.id,
              field: 'history',
              formatVersion: row.format_version,
            })
          : null
        if (plain) {
          try {
            const history = parseHistory(new TextDecoder().decode(plain))
            if (history) dates = history.slice(0, VAULT_LIMITS.historyKept).map((item) => item.replacedAt)
          } finally {
            sodium.memzero(plain)
          }
        }
        if (dates.every((date) => date === null)) logger.warn('vault.historyDatesUnreadable', { entryId: row.id })
        update.run(JSON.stringify(dates), row.id, actor.accountId)
      }
    })
  }

  // ---------- opening secrets ----------

  revealPassword(actor: Actor, entryId: string, historyIndex = 0): { password: string; replacedAt: number | null } {
    return this.#auditedRead(actor, entryId, 'vault.reveal', historyIndex, (row, key) => this.#passwordAt(actor, row, key, historyIndex))
  }

  /** The password to put on the clipboard (main copies it; the renderer never sees it). */
  passwordForCopy(actor: Actor, entryId: string, historyIndex = 0): string {
    return this.#auditedRead(
      actor,
      entryId,
      'vault.copy',
      historyIndex,
      (row, key) => this.#passwordAt(actor, row, key, historyIndex).password,
    )
  }

  /** The current password, for a handoff that main seals at once (it never reaches the renderer). */
  passwordForHandoff(actor: Actor, entryId: string): string {
    return this.#auditedRead(actor, entryId, 'vault.handoff', 0, (row, key) => this.#passwordAt(actor, row, key, 0).password)
  }

  revealNotes(actor: Actor, entryId: string): { notes: string } {
    return this.#auditedRead(actor, entryId, 'vault.revealNotes', 0, (row, key) => ({
      notes: this.#openText(actor, row, key, 'notes') ?? '',
    }))
  }

  connectSnippets(
    actor: Actor,
    entryId: string,
  ): { endpoint: string; username: string; snippets: { kind: ConnectSnippetKind; label: string; text: string }[] } {
    this.#requireUnlocked(actor)
    const row = this.#requireEntry(actor, entryId)
    return {
      endpoint: row.endpoint,
      username: row.username,
      snippets: SNIPPET_KINDS.map((kind) => ({
        kind,
        label: SNIPPET_LABELS[kind],
        text: connectSnippet(kind, row.endpoint, row.username, PASSWORD_PLACEHOLDER),
      })),
    }
  }

  /** The snippet with the real password, for the clipboard only. */
  snippetForCopy(actor: Actor, entryId: string, kind: ConnectSnippetKind): string {
    return this.#auditedRead(actor, entryId, 'vault.copySnippet', 0, (row, key) =>
      connectSnippet(kind, row.endpoint, row.username, this.#passwordAt(actor, row, key, 0).password),
    )
  }

  /** Every readable entry opened, for export; damaged entries are counted, not exported. */
  openAll(actor: Actor): { entries: OpenedEntry[]; unreadable: number } {
    this.#requireUnlocked(actor)
    const ids = this.#records.ids(actor.accountId)
    const entries: OpenedEntry[] = []
    let unreadable = 0
    this.#withVaultKey(actor, (key) => {
      for (const id of ids) {
        const row = this.#records.find(actor.accountId, id)
        if (!row) continue
        const opened = this.#tryOpenEntry(actor, row, key)
        if (opened) entries.push(opened)
        else unreadable += 1
      }
    })
    return { entries, unreadable }
  }

  /** One entry opened (import compares with it); throws VAULT_ENTRY_CORRUPT if damaged. */
  openEntry(actor: Actor, entryId: string): OpenedEntry {
    this.#requireUnlocked(actor)
    const row = this.#requireEntry(actor, entryId)
    return this.#withVaultKey(actor, (key) => {
      const opened = this.#tryOpenEntry(actor, row, key)
      if (!opened) throw this.#corrupt(actor, row, 'vault.open', 'password')
      return opened
    })
  }

  // ---------- writing ----------

  add(actor: Actor, input: VaultEntryInput): VaultEntryDetail {
    this.#requireUnlocked(actor)
    const fields = this.#validate(input)
    const link = this.#linkFor(actor, fields.clusterId, fields.username, fields.endpoint, fields.password)
    const id = newVaultEntryId()
    this.#audited(actor, 'vault.add', id, link.clusterId, () => {
      this.#assertRoom(actor)
      this.#insert(actor, id, { ...fields, ...link }, { origin: 'manual', source: null, clusterRole: link.clusterRole }, [])
    })
    return this.get(actor, id)
  }

  update(actor: Actor, entryId: string, changes: VaultEntryChanges): VaultEntryDetail {
    this.#requireUnlocked(actor)
    const row = this.#requireEntry(actor, entryId)
    const current = this.openEntry(actor, entryId)
    const merged = this.#validate({
      title: changes.title ?? row.title,
      clusterId: changes.clusterId === undefined ? row.cluster_id : changes.clusterId,
      endpoint: changes.endpoint ?? row.endpoint,
      username: changes.username ?? row.username,
      password: changes.password ?? current.password,
      notes: changes.notes ?? current.notes,
      tags: changes.tags ?? current.detail.tags,
    })
    const passwordChanged = merged.password !== current.password
    const identityChanged = merged.clusterId !== row.cluster_id || merged.username !== row.username
    // Checked once, at edit, only when what the check depends on changed; otherwise the
    // entry keeps its link (a kept entry keeps the version it was kept at).
    const link: LinkResult =
      passwordChanged || identityChanged
        ? this.#linkFor(actor, merged.clusterId, merged.username, merged.endpoint, merged.password)
        : {
            clusterId: row.cluster_id,
            endpoint: row.cluster_id ? row.endpoint : merged.endpoint,
            clusterRole: row.cluster_role,
            link: row.link,
            credentialVersion: row.credential_version,
          }
    const history = passwordChanged
      ? [{ password: current.password, replacedAt: this.#deps.clock() }, ...current.history].slice(0, VAULT_LIMITS.historyKept)
      : current.history
    this.#audited(actor, 'vault.update', entryId, link.clusterId ?? row.cluster_id, () => {
      this.#write(actor, entryId, { ...merged, ...link }, history, row)
    })
    return this.get(actor, entryId)
  }

  remove(actor: Actor, entryId: string): void {
    this.#requireUnlocked(actor)
    const row = this.#requireEntry(actor, entryId)
    this.#audited(actor, 'vault.remove', entryId, row.cluster_id, () => {
      this.#deps.db.prepare('DELETE FROM vault_entries WHERE id = ? AND account_id = ?').run(entryId, actor.accountId)
    })
    // secure_delete overwrites the row's cells in the main file; empty the WAL too, once the
    // request has committed (SQLite refuses a checkpoint inside a transaction).
    this.#deps.requests.afterCommit(() => this.#deps.db.pragma('wal_checkpoint(TRUNCATE)'))
  }

  /**
   * Keeps the password of an open (or opened, not yet dismissed) show-once ticket. The
   * bytes are read from the ticket in main; the ticket's show-once state does not change.
   */
  keepFromReveal(
    actor: Actor,
    ticketId: string,
    extra: { title?: string | undefined; tags?: readonly string[] | undefined },
  ): VaultEntryDetail {
    this.#requireUnlocked(actor)
    const id = newVaultEntryId()
    this.#reveals.withSecret(actor, ticketId, (secret) => {
      const title = (extra.title ?? '').trim() || `${secret.username} on ${secret.clusterName}`
      const fields = this.#validate({
        title,
        clusterId: secret.clusterId,
        endpoint: secret.endpoint,
        username: secret.username,
        password: new TextDecoder().decode(secret.password),
        notes: '',
        tags: extra.tags ?? [],
      })
      const credential = secret.credential
      this.#audited(actor, 'vault.keep', id, secret.clusterId, () => {
        this.#assertRoom(actor)
        this.#insert(
          actor,
          id,
          {
            ...fields,
            clusterId: secret.clusterId,
            endpoint: secret.endpoint,
            clusterRole: credential?.clusterRole ?? null,
            link: credential ? 'linked' : 'unlinked',
            credentialVersion: credential?.credentialVersion ?? null,
          },
          {
            origin: 'kept',
            source: credential ? { event: credential.event, byName: credential.byName, at: credential.at } : null,
            clusterRole: credential?.clusterRole ?? null,
          },
          [],
        )
      })
    })
    return this.get(actor, id)
  }

  /**
   * Writes imported entries in one transaction (the import service planned them). `add`
   * items get fresh ids; `update` items replace the matched entry's fields, moving its
   * previous password into history.
   */
  writeImported(
    actor: Actor,
    items: ReadonlyArray<{ action: 'add' | 'update'; matchesEntryId: string | null; entry: ImportedEntry }>,
    audit: { action: AuditAction; target: string },
  ): void {
    this.#requireUnlocked(actor)
    const { db } = this.#deps
    this.#withVaultKey(actor, (key) => {
      db.transaction(() => {
        for (const item of items) {
          const link = this.#importLink(actor, item.entry)
          const fields = this.#validate(item.entry)
          if (item.action === 'add') {
            this.#assertRoom(actor)
            this.#insertWithKey(
              actor,
              key,
              newVaultEntryId(),
              { ...fields, ...link },
              { origin: 'imported', source: item.entry.source, clusterRole: item.entry.clusterRole },
              item.entry.history,
            )
          } else if (item.matchesEntryId) {
            const row = this.#requireEntry(actor, item.matchesEntryId)
            const current = this.#tryOpenEntry(actor, row, key)
            const previous =
              current && current.password !== fields.password ? [{ password: current.password, replacedAt: this.#deps.clock() }] : []
            const history = [...previous, ...item.entry.history, ...(current?.history ?? [])].slice(0, VAULT_LIMITS.historyKept)
            this.#writeWithKey(actor, key, row.id, { ...fields, ...link }, history, row)
          }
        }
        this.#deps.audit.record({ actor, action: audit.action, target: audit.target, outcome: 'allowed' })
      })()
    })
  }

  // ---------- internals ----------

  #requireUnlocked(actor: Actor): void {
    const current = this.#deps.session.currentActor()
    if (!current) {
      throw this.#deps.session.lockedAccountId()
        ? new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it with your passphrase.')
        : new AppError('UNAUTHENTICATED', 'Sign in first.')
    }
    if (current.accountId !== actor.accountId) throw new AppError('UNAUTHENTICATED', 'Sign in first.')
  }

  #requireEntry(actor: Actor, entryId: string): EntryRow {
    const row = this.#records.find(actor.accountId, entryId)
    if (!row) throw new AppError('NOT_FOUND', ENTRY_NOT_FOUND)
    return row
  }

  #assertRoom(actor: Actor): void {
    if (this.#records.count(actor.accountId) >= VAULT_LIMITS.entriesPerAccount) {
      throw new AppError('LIMIT_REACHED', `A vault holds at most ${VAULT_LIMITS.entriesPerAccount} entries.`)
    }
  }

  /** The vault key for the duration of `use`, wiped afterwards. */
  #withVaultKey<T>(actor: Actor, use: (key: Uint8Array) => T): T {
    this.#requireUnlocked(actor)
    const accountKey = this.#deps.session.accountKey()
    if (!accountKey) throw new AppError('VAULT_LOCKED', 'The vault is locked. Unlock it with your passphrase.')
    const key = deriveVaultKey(this.#deps.sodium, accountKey)
    try {
      return use(key)
    } finally {
      this.#deps.sodium.memzero(key)
    }
  }

  #auditedRead<T>(
    actor: Actor,
    entryId: string,
    action: AuditAction,
    historyIndex: number,
    read: (row: EntryRow, key: Uint8Array) => T,
  ): T {
    this.#requireUnlocked(actor)
    const row = this.#requireEntry(actor, entryId)
    const value = this.#withVaultKey(actor, (key) => read(row, key))
    this.#deps.audit.record({
      actor,
      action,
      target: historyIndex > 0 ? `vault entry ${entryId} (earlier password ${historyIndex})` : `vault entry ${entryId}`,
      clusterId: row.cluster_id,
      outcome: 'allowed',
    })
    return value
  }

  #audited(actor: Actor, action: AuditAction, entryId: string, clusterId: string | null, work: () => void): void {
    const { db, audit } = this.#deps
    const target = `vault entry ${entryId}`
    try {
      db.transaction(() => {
        work()
        audit.record({ actor, action, target, clusterId, outcome: 'allowed' })
      })()
    } catch (error) {
      audit.record({ actor, action, target, clusterId, outcome: 'denied', errorCode: error instanceof AppError ? error.code : 'INTERNAL' })
      throw error
    }
  }

  #passwordAt(actor: Actor, row: EntryRow, key: Uint8Array, historyIndex: number): { password: string; replacedAt: number | null } {
    if (historyIndex === 0) {
      const password = this.#openText(actor, row, key, 'password')
      if (password === null) throw this.#corrupt(actor, row, 'vault.reveal', 'password')
      return { password, replacedAt: null }
    }
    const history = this.#openHistory(actor, row, key)
    const item = history[historyIndex - 1]
    if (!item) throw new AppError('NOT_FOUND', 'This entry has no such earlier password.')
    return item
  }

  #openHistory(actor: Actor, row: EntryRow, key: Uint8Array): HistoryItem[] {
    const text = this.#openText(actor, row, key, 'history')
    if (text === null) return []
    const parsed = parseHistory(text)
    if (!parsed) throw this.#corrupt(actor, row, 'vault.reveal', 'history')
    return parsed
  }

  /** The field's text; null when the field is empty. Throws VAULT_ENTRY_CORRUPT on failure. */
  #openText(actor: Actor, row: EntryRow, key: Uint8Array, field: VaultField): string | null {
    const sealed = sealedOf(row, field)
    if (!sealed) {
      if (field === 'password') throw this.#corrupt(actor, row, 'vault.reveal', field)
      return null
    }
    const plain = openField(this.#deps.sodium, key, sealed, {
      accountId: actor.accountId,
      entryId: row.id,
      field,
      formatVersion: row.format_version,
    })
    if (!plain) throw this.#corrupt(actor, row, 'vault.reveal', field)
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(plain)
    } catch {
      throw this.#corrupt(actor, row, 'vault.reveal', field)
    } finally {
      this.#deps.sodium.memzero(plain)
    }
  }

  #tryOpenEntry(actor: Actor, row: EntryRow, key: Uint8Array): OpenedEntry | null {
    try {
      const password = this.#openText(actor, row, key, 'password')!
      const notes = this.#openText(actor, row, key, 'notes') ?? ''
      const history = this.#openHistory(actor, row, key)
      return { detail: toDetail(row), password, notes, history }
    } catch (error) {
      if (error instanceof AppError && error.code === 'VAULT_ENTRY_CORRUPT') return null
      throw error
    }
  }

  /** Audits and logs a damaged entry (never its content) and returns the typed error. */
  #corrupt(actor: Actor, row: Pick<EntryRow, 'id' | 'cluster_id'>, action: AuditAction, field: VaultField): AppError {
    this.#deps.audit.record({
      actor,
      action,
      target: `vault entry ${row.id} (${field} unreadable)`,
      clusterId: row.cluster_id,
      outcome: 'denied',
      errorCode: 'VAULT_ENTRY_CORRUPT',
    })
    this.#deps.logger.warn('vault.entryCorrupt', { entryId: row.id, field })
    return new AppError(
      'VAULT_ENTRY_CORRUPT',
      'This vault entry is damaged and cannot be opened. The rest of the vault is unaffected; delete it or restore it from a backup.',
    )
  }

  #validate(input: VaultEntryInput): VaultEntryInput {
    const title = input.title.trim()
    if (title.length === 0) throw new AppError('INVALID_INPUT', 'Give the entry a title.', { field: 'title' })
    const username = input.username.trim()
    if (username.length === 0) throw new AppError('INVALID_INPUT', 'Enter the username.', { field: 'username' })
    if (input.password.length === 0) throw new AppError('INVALID_INPUT', 'Enter the password.', { field: 'password' })
    if (input.password.length > VAULT_LIMITS.passwordMax)
      throw new AppError('INVALID_INPUT', 'The password is too long.', { field: 'password' })
    if (title.length > VAULT_LIMITS.titleMax || username.length > VAULT_LIMITS.usernameMax)
      throw new AppError('INVALID_INPUT', 'A field is too long.')
    if (input.notes.length > VAULT_LIMITS.notesMax) throw new AppError('INVALID_INPUT', 'The notes are too long.', { field: 'notes' })
    const tags = normalizeTags(input.tags)
    if (tags.length > VAULT_LIMITS.tagsMax || tags.some((tag) => tag.length > VAULT_LIMITS.tagMax)) {
      throw new AppError('INVALID_INPUT', `At most ${VAULT_LIMITS.tagsMax} tags of up to ${VAULT_LIMITS.tagMax} characters.`, {
        field: 'tags',
      })
    }
    return {
      title,
      clusterId: input.clusterId,
      endpoint: input.endpoint.trim(),
      username,
      password: input.password,
      notes: input.notes,
      tags,
    }
  }

  /**
   * Ties a hand-typed credential to a workspace cluster user. The password is checked ONCE,
   * here, against the stored Argon2id hash; the entry then records only the credential
   * version it matched (or that it did not), never anything comparable to the password.
   * Naming a cluster the actor cannot see is NOT_FOUND, exactly like a missing one.
   */
  #linkFor(actor: Actor, clusterId: string | null, username: string, endpoint: string, password: string): LinkResult {
    if (clusterId === null) return { clusterId: null, endpoint, clusterRole: null, link: 'unlinked', credentialVersion: null }
    const { db, sodium } = this.#deps
    const cluster = findCluster(db, clusterId)
    const roles = loadActorRoles(db, actor.accountId)
    if (!cluster || !can(roles, 'cluster.view', cluster.project_id).allowed) {
      throw new AppError('NOT_FOUND', 'Cluster not found.', { field: 'clusterId' })
    }
    const user = findClusterUser(db, cluster.id, username)
    if (!user) return { clusterId: cluster.id, endpoint: cluster.endpoint, clusterRole: null, link: 'unlinked', credentialVersion: null }
    // Otherwise saving entries would be an unthrottled way to guess a cluster user's password.
    const subject = JSON.stringify([actor.accountId, cluster.id, username])
    this.#verifyThrottle.assertAllowed(subject)
    const bytes = new TextEncoder().encode(password)
    try {
      const matches = verifyPassword(sodium, user.password_hash, bytes)
      if (matches) this.#verifyThrottle.recordSuccess(subject)
      else this.#verifyThrottle.recordFailure(subject)
      return {
        clusterId: cluster.id,
        endpoint: cluster.endpoint,
        clusterRole: user.role,
        link: matches ? 'linked' : 'mismatch',
        credentialVersion: matches ? user.credential_version : null,
      }
    } finally {
      sodium.memzero(bytes)
    }
  }

  /**
   * Imported entries keep their cluster link only when the backup came from this very
   * workspace and the cluster still exists and is visible; the credential version they
   * carry then still means the same password. Otherwise they are unlinked.
   */
  #importLink(actor: Actor, entry: ImportedEntry): LinkResult {
    const unlinked: LinkResult = {
      clusterId: null,
      endpoint: entry.endpoint,
      clusterRole: entry.clusterRole,
      link: 'unlinked',
      credentialVersion: null,
    }
    if (!entry.sameWorkspace || entry.clusterId === null) return unlinked
    const cluster = findCluster(this.#deps.db, entry.clusterId)
    if (!cluster || !can(loadActorRoles(this.#deps.db, actor.accountId), 'cluster.view', cluster.project_id).allowed) return unlinked
    if (entry.link === 'unlinked') return { ...unlinked, clusterId: cluster.id, endpoint: cluster.endpoint }
    return {
      clusterId: cluster.id,
      endpoint: cluster.endpoint,
      clusterRole: entry.clusterRole,
      link: entry.link,
      credentialVersion: entry.credentialVersion,
    }
  }

  #insert(actor: Actor, id: string, fields: VaultEntryInput & LinkResult, provenance: EntryProvenance, history: HistoryItem[]): void {
    this.#withVaultKey(actor, (key) => this.#insertWithKey(actor, key, id, fields, provenance, history))
  }

  #insertWithKey(
    actor: Actor,
    key: Uint8Array,
    id: string,
    fields: VaultEntryInput & LinkResult,
    provenance: EntryProvenance,
    history: HistoryItem[],
  ): void {
    const now = this.#deps.clock()
    const kept = history.slice(0, VAULT_LIMITS.historyKept)
    const sealed = this.#sealAll(actor, key, id, fields.password, fields.notes, kept)
    this.#deps.db
      .prepare(
        `INSERT INTO vault_entries (id, account_id, title, username, cluster_id, endpoint, cluster_role, tags, origin,
           source_event, source_by_name, source_at, link, credential_version, format_version,
           password_nonce, password_sealed, notes_nonce, notes_sealed, history_nonce, history_sealed, history_count, history_dates,
           search_text, title_key, username_key, cluster_key, endpoint_key, created_at, updated_at)
         VALUES (@id, @account_id, @title, @username, @cluster_id, @endpoint, @cluster_role, @tags, @origin,
           @source_event, @source_by_name, @source_at, @link, @credential_version, @format_version,
           @password_nonce, @password_sealed, @notes_nonce, @notes_sealed, @history_nonce, @history_sealed, @history_count, @history_dates,
           @search_text, @title_key, @username_key, @cluster_key, @endpoint_key, @now, @now)`,
      )
      .run({
        ...this.#storedColumns(fields, provenance.clusterRole ?? fields.clusterRole, sealed, kept),
        id,
        account_id: actor.accountId,
        origin: provenance.origin,
        source_event: provenance.source?.event ?? null,
        source_by_name: provenance.source?.byName ?? null,
        source_at: provenance.source?.at ?? null,
        now,
      })
  }

  #write(actor: Actor, id: string, fields: VaultEntryInput & LinkResult, history: HistoryItem[], row: EntryRow): void {
    this.#withVaultKey(actor, (key) => this.#writeWithKey(actor, key, id, fields, history, row))
  }

  #writeWithKey(
    actor: Actor,
    key: Uint8Array,
    id: string,
    fields: VaultEntryInput & LinkResult,
    history: HistoryItem[],
    row: EntryRow,
  ): void {
    const kept = history.slice(0, VAULT_LIMITS.historyKept)
    const sealed = this.#sealAll(actor, key, id, fields.password, fields.notes, kept)
    this.#deps.db
      .prepare(
        `UPDATE vault_entries SET title = @title, username = @username, cluster_id = @cluster_id, endpoint = @endpoint,
           cluster_role = @cluster_role, tags = @tags, link = @link, credential_version = @credential_version,
           format_version = @format_version, password_nonce = @password_nonce, password_sealed = @password_sealed,
           notes_nonce = @notes_nonce, notes_sealed = @notes_sealed, history_nonce = @history_nonce,
           history_sealed = @history_sealed, history_count = @history_count, history_dates = @history_dates,
           search_text = @search_text, title_key = @title_key, username_key = @username_key, cluster_key = @cluster_key,
           endpoint_key = @endpoint_key, updated_at = @updated_at
         WHERE id = @id AND account_id = @account_id`,
      )
      .run({
        ...this.#storedColumns(fields, fields.clusterRole ?? row.cluster_role, sealed, kept),
        updated_at: Math.max(this.#deps.clock(), row.updated_at),
        id,
        account_id: actor.accountId,
      })
  }

  /**
   * The columns an insert and an update both write: clear metadata, the stored search text
   * and sort keys (vaultKeys.ts, always from the same fields), the sealed fields, and the
   * earlier passwords' count and dates.
   */
  #storedColumns(
    fields: VaultEntryInput & LinkResult,
    clusterRole: ClusterRole | null,
    sealed: { password: SealedField; notes: SealedField | null; history: SealedField | null },
    history: HistoryItem[],
  ) {
    const tags = normalizeTags(fields.tags)
    const clusterName = fields.clusterId === null ? null : (findCluster(this.#deps.db, fields.clusterId)?.name ?? null)
    return {
      title: fields.title,
      username: fields.username,
      cluster_id: fields.clusterId,
      endpoint: fields.endpoint,
      cluster_role: clusterRole,
      tags: JSON.stringify(tags),
      link: fields.link,
      credential_version: fields.credentialVersion,
      format_version: VAULT_FORMAT_VERSION,
      password_nonce: sealed.password.nonce,
      password_sealed: sealed.password.sealed,
      notes_nonce: sealed.notes?.nonce ?? null,
      notes_sealed: sealed.notes?.sealed ?? null,
      history_nonce: sealed.history?.nonce ?? null,
      history_sealed: sealed.history?.sealed ?? null,
      history_count: history.length,
      history_dates: JSON.stringify(history.map((item) => item.replacedAt)),
      ...vaultEntryKeys({ title: fields.title, username: fields.username, clusterName, endpoint: fields.endpoint, tags }),
    }
  }

  #sealAll(
    actor: Actor,
    key: Uint8Array,
    entryId: string,
    password: string,
    notes: string,
    history: HistoryItem[],
  ): { password: SealedField; notes: SealedField | null; history: SealedField | null } {
    const seal = (field: VaultField, text: string) => {
      const bytes = new TextEncoder().encode(text)
      try {
        return sealField(this.#deps.sodium, key, bytes, { accountId: actor.accountId, entryId, field })
      } finally {
        this.#deps.sodium.memzero(bytes)
      }
    }
    return {
      password: seal('password', password),
      notes: notes.length > 0 ? seal('notes', notes) : null,
      history:
        history.length > 0 ? seal('history', JSON.stringify(history.map((item) => ({ p: item.password, at: item.replacedAt })))) : null,
    }
  }
}

/** An entry read from a backup, checked by the import service's schema. */
export interface ImportedEntry extends VaultEntryInput {
  clusterRole: ClusterRole | null
  source: { event: 'created' | 'reset'; byName: string; at: number } | null
  history: HistoryItem[]
  /** Only meaningful with sameWorkspace: the link and version recorded where it was exported. */
  link: VaultLink
  credentialVersion: number | null
  sameWorkspace: boolean
}

function parseHistory(text: string): HistoryItem[] | null {
  try {
    const value: unknown = JSON.parse(text)
    if (!Array.isArray(value)) return null
    const items: HistoryItem[] = []
    for (const item of value) {
      if (typeof item !== 'object' || item === null) return null
      const { p, at } = item as { p?: unknown; at?: unknown }
      if (typeof p !== 'string' || typeof at !== 'number') return null
      items.push({ password: p, replacedAt: at })
    }
    return items
  } catch {
    return null
  }
}

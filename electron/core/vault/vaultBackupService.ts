/**
 * Encrypted vault backups in the age format (age-encryption.org/v1), under a backup
 * passphrase (age's scrypt recipient), through `age-encryption` (typage, by age's author).
 * A backup opens with the standard `age -d` anywhere: no lock-in. There is no plaintext
 * export. Import decrypts, validates and plans first (added / updated / skipped, shown to
 * the person), holds the plan in main, and writes only when the plan is applied: never a
 * silent overwrite. Plans die with the session (lock, sign-out) or after a few minutes.
 */
import { z } from 'zod'
import { AppError } from '@shared/errors'
import { CLUSTER_ROLES } from '@shared/domain'
import type { ImportPlanItem, ImportPreview } from '@shared/ipc/contract'
import { VAULT_LIMITS, foldForSearch } from '@shared/policy/vault'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import { findOrganization } from '../accounts/accountRecords'
import { randomBytes } from '../crypto/sodium'
import { loadAge } from '../lazyLibraries'
import type { MatchCandidate } from './vaultRecords'
import type { ImportedEntry, OpenedEntry, VaultService } from './vaultService'

export const BACKUP_FORMAT = 'cluster-credentials/vault-backup'
export const BACKUP_VERSION = 1
/** age's own default (2^18); tests pass a lower one explicitly to stay fast. */
export const PRODUCTION_BACKUP_SCRYPT_LOG_N = 18
const IMPORT_PLAN_TTL_MS = 10 * 60 * 1000
const ARMOR_HEADER = '-----BEGIN AGE ENCRYPTED FILE-----'

const timestamp = z.number().int().nonnegative()
const backupEntry = z.object({
  id: z.string().max(64),
  title: z.string().max(VAULT_LIMITS.titleMax),
  username: z.string().max(VAULT_LIMITS.usernameMax),
  clusterId: z.string().max(64).nullable(),
  clusterName: z.string().max(200).nullable(),
  endpoint: z.string().max(VAULT_LIMITS.endpointMax),
  clusterRole: z.enum(CLUSTER_ROLES).nullable(),
  tags: z.array(z.string().max(VAULT_LIMITS.tagMax)).max(VAULT_LIMITS.tagsMax),
  origin: z.enum(['kept', 'manual', 'imported']),
  source: z.object({ event: z.enum(['created', 'reset']), byName: z.string().max(200), at: timestamp }).nullable(),
  link: z.enum(['linked', 'mismatch', 'unlinked']),
  credentialVersion: z.number().int().nonnegative().nullable(),
  password: z.string().min(1).max(VAULT_LIMITS.passwordMax),
  notes: z.string().max(VAULT_LIMITS.notesMax),
  history: z
    .array(z.object({ password: z.string().min(1).max(VAULT_LIMITS.passwordMax), replacedAt: timestamp }))
    .max(VAULT_LIMITS.historyKept),
  createdAt: timestamp,
  updatedAt: timestamp,
})
const backupFile = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: timestamp,
  workspaceId: z.string().max(64),
  entries: z.array(backupEntry).max(VAULT_LIMITS.entriesPerAccount),
})
type BackupEntry = z.infer<typeof backupEntry>

interface PlannedItem {
  action: 'add' | 'update' | 'skip'
  matchesEntryId: string | null
  /** The matched entry's updatedAt at planning: an entry edited since is skipped at apply. */
  matchedUpdatedAt: number | null
  entry: ImportedEntry
}

interface PendingImport {
  ownerId: string
  expiresAt: number
  items: PlannedItem[]
}

export interface VaultBackupOptions {
  /** log2 of age's scrypt work factor for exports; production uses age's default. */
  scryptLogN: number
}

export class VaultBackupService {
  readonly #deps: Pick<CoreDeps, 'db' | 'clock' | 'audit' | 'session' | 'logger'>
  readonly #vault: VaultService
  readonly #options: VaultBackupOptions
  readonly #pending = new Map<string, PendingImport>()

  constructor(deps: Pick<CoreDeps, 'db' | 'clock' | 'audit' | 'session' | 'logger'>, vault: VaultService, options: VaultBackupOptions) {
    this.#deps = deps
    this.#vault = vault
    this.#options = options
    deps.session.onEnd(() => this.#pending.clear())
  }

  async exportBackup(
    actor: Actor,
    passphrase: string,
  ): Promise<{ fileName: string; armored: string; entryCount: number; unreadable: number }> {
    requireBackupPassphrase(passphrase)
    const { entries, unreadable } = this.#vault.openAll(actor)
    const now = this.#deps.clock()
    const file = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: now,
      workspaceId: findOrganization(this.#deps.db)?.id ?? '',
      entries: entries.map(toBackupEntry),
    }
    const { Encrypter, armor } = await loadAge()
    const encrypter = new Encrypter()
    encrypter.setScryptWorkFactor(this.#options.scryptLogN)
    encrypter.setPassphrase(passphrase)
    const armored = armor.encode(await encrypter.encrypt(JSON.stringify(file)))
    this.#deps.audit.record({
      actor,
      action: 'vault.export',
      target: `vault backup of ${entries.length} entries${unreadable > 0 ? ` (${unreadable} damaged, left out)` : ''}`,
      outcome: 'allowed',
    })
    return { fileName: `vault-backup-${new Date(now).toISOString().slice(0, 10)}.age`, armored, entryCount: entries.length, unreadable }
  }

  async previewImport(actor: Actor, fileBytes: Uint8Array, passphrase: string): Promise<ImportPreview> {
    this.#vault.count(actor) // locked or signed-out sessions stop here
    const file = await this.#decrypt(actor, fileBytes, passphrase)
    const sameWorkspace = file.workspaceId !== '' && file.workspaceId === findOrganization(this.#deps.db)?.id
    const items = this.#plan(actor, file.entries, sameWorkspace)
    this.#sweep()
    const importId = `imp_${Buffer.from(randomBytes(16)).toString('hex')}`
    const expiresAt = this.#deps.clock() + IMPORT_PLAN_TTL_MS
    this.#pending.set(importId, { ownerId: actor.accountId, expiresAt, items })
    const count = (action: PlannedItem['action']) => items.filter((item) => item.action === action).length
    return {
      importId,
      expiresAt,
      added: count('add'),
      updated: count('update'),
      skipped: count('skip'),
      items: items.map(toPlanItem),
    }
  }

  applyImport(actor: Actor, importId: string): { added: number; updated: number; skipped: number } {
    this.#vault.count(actor)
    this.#sweep()
    const pending = this.#pending.get(importId)
    if (!pending || pending.ownerId !== actor.accountId) {
      throw new AppError('NOT_FOUND', 'This import preview is no longer available. Choose the backup file again.')
    }
    this.#pending.delete(importId)
    const toWrite: { action: 'add' | 'update'; matchesEntryId: string | null; entry: ImportedEntry }[] = []
    let skipped = 0
    for (const item of pending.items) {
      if (item.action === 'skip') {
        skipped += 1
        continue
      }
      if (item.action === 'update') {
        // Edited since the preview: the person did not see this change; leave it alone.
        const current = item.matchesEntryId ? safeGet(this.#vault, actor, item.matchesEntryId) : null
        if (!current || current.updatedAt !== item.matchedUpdatedAt) {
          skipped += 1
          continue
        }
      }
      toWrite.push({ action: item.action, matchesEntryId: item.matchesEntryId, entry: item.entry })
    }
    const added = toWrite.filter((item) => item.action === 'add').length
    const updated = toWrite.length - added
    this.#vault.writeImported(actor, toWrite, {
      action: 'vault.import',
      target: `vault backup: ${added} added, ${updated} updated, ${skipped} skipped`,
    })
    return { added, updated, skipped }
  }

  cancelImport(actor: Actor, importId: string): void {
    const pending = this.#pending.get(importId)
    if (pending && pending.ownerId === actor.accountId) this.#pending.delete(importId)
  }

  /** How many plans are held (tests: lock must drop them). */
  get pendingCount(): number {
    return this.#pending.size
  }

  async #decrypt(actor: Actor, fileBytes: Uint8Array, passphrase: string): Promise<z.infer<typeof backupFile>> {
    const refuse = (code: 'BACKUP_INVALID' | 'BACKUP_WRONG_PASSPHRASE', message: string, reason: string) => {
      this.#deps.audit.record({ actor, action: 'vault.import', target: `vault backup (${reason})`, outcome: 'denied', errorCode: code })
      return new AppError(code, message, code === 'BACKUP_WRONG_PASSPHRASE' ? { field: 'passphrase' } : {})
    }
    const { Decrypter, armor } = await loadAge()
    let binary: Uint8Array
    try {
      binary = looksArmored(fileBytes) ? armor.decode(new TextDecoder('utf-8', { fatal: true }).decode(fileBytes)) : fileBytes
    } catch {
      throw refuse('BACKUP_INVALID', 'This file is not a vault backup, or it is damaged. Nothing was imported.', 'not age')
    }
    const decrypter = new Decrypter()
    decrypter.addPassphrase(passphrase)
    let text: string
    try {
      text = await decrypter.decrypt(binary, 'text')
    } catch (error) {
      const message = error instanceof Error ? error.message : ''
      if (/no identity matched/u.test(message)) {
        throw refuse('BACKUP_WRONG_PASSPHRASE', 'That passphrase does not open this backup. Nothing was imported.', 'wrong passphrase')
      }
      throw refuse('BACKUP_INVALID', 'This backup is damaged, truncated or was altered. Nothing was imported.', 'damaged')
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw refuse(
        'BACKUP_INVALID',
        'This age file does not hold a Cluster Credentials vault backup. Nothing was imported.',
        'not a vault backup',
      )
    }
    const result = backupFile.safeParse(parsed)
    if (!result.success) {
      throw refuse(
        'BACKUP_INVALID',
        'This age file does not hold a Cluster Credentials vault backup this version can read. Nothing was imported.',
        'unreadable content',
      )
    }
    return result.data
  }

  #plan(actor: Actor, entries: BackupEntry[], sameWorkspace: boolean): PlannedItem[] {
    const local = this.#vault.matchCandidates(actor)
    const byId = new Map(local.map((entry) => [entry.id, entry]))
    // Several local entries can share a key (titles that differ only in case or accents):
    // each backup entry takes one not yet taken, its exact title first, so none is imported twice.
    const byKey = new Map<string, MatchCandidate[]>()
    for (const entry of local) byKey.set(matchKey(entry), [...(byKey.get(matchKey(entry)) ?? []), entry])
    const claimed = new Set<string>()
    return entries.map((raw) => {
      const entry = toImported(raw, sameWorkspace)
      const sameId = byId.get(raw.id)
      const sameKey = (byKey.get(matchKey(raw)) ?? []).filter((candidate) => !claimed.has(candidate.id))
      const match =
        (sameId && !claimed.has(sameId.id) ? sameId : undefined) ??
        sameKey.find((candidate) => candidate.title === raw.title.trim()) ??
        sameKey[0]
      if (!match) return { action: 'add', matchesEntryId: null, matchedUpdatedAt: null, entry }
      claimed.add(match.id)
      let opened: OpenedEntry | null = null
      try {
        opened = this.#vault.openEntry(actor, match.id)
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'VAULT_ENTRY_CORRUPT')) throw error
      }
      const base = { matchesEntryId: match.id, matchedUpdatedAt: match.updated_at, entry }
      if (opened && sameContent(opened, entry)) return { ...base, action: 'skip' }
      if (opened && raw.updatedAt <= match.updated_at) return { ...base, action: 'skip' }
      return { ...base, action: 'update' }
    })
  }

  #sweep(): void {
    const now = this.#deps.clock()
    for (const [id, pending] of this.#pending) if (pending.expiresAt <= now) this.#pending.delete(id)
  }
}

function requireBackupPassphrase(passphrase: string): void {
  if ([...passphrase].length < 12) {
    throw new AppError('INVALID_INPUT', 'A backup passphrase must be at least 12 characters: the file may travel.', { field: 'passphrase' })
  }
}

function looksArmored(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart()
  return head.startsWith(ARMOR_HEADER)
}

function matchKey(entry: { endpoint: string; username: string; title: string }): string {
  return JSON.stringify([foldForSearch(entry.endpoint.trim()), entry.username.trim(), foldForSearch(entry.title.trim())])
}

function sameContent(opened: OpenedEntry, entry: ImportedEntry): boolean {
  return (
    opened.password === entry.password &&
    opened.notes === entry.notes &&
    opened.detail.title === entry.title.trim() &&
    opened.detail.username === entry.username.trim() &&
    opened.detail.endpoint === entry.endpoint.trim() &&
    JSON.stringify(opened.detail.tags) === JSON.stringify(entry.tags)
  )
}

function safeGet(vault: VaultService, actor: Actor, entryId: string): { updatedAt: number } | null {
  try {
    return vault.get(actor, entryId)
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null
    throw error
  }
}

function toBackupEntry(opened: OpenedEntry): BackupEntry {
  const { detail } = opened
  return {
    id: detail.id,
    title: detail.title,
    username: detail.username,
    clusterId: detail.clusterId,
    clusterName: detail.clusterName,
    endpoint: detail.endpoint,
    clusterRole: detail.clusterRole,
    tags: detail.tags,
    origin: detail.origin,
    source: detail.source,
    link: detail.state === 'unlinked' ? 'unlinked' : detail.credentialVersion === null ? 'mismatch' : 'linked',
    credentialVersion: detail.credentialVersion,
    password: opened.password,
    notes: opened.notes,
    history: opened.history,
    createdAt: detail.createdAt,
    updatedAt: detail.updatedAt,
  }
}

function toImported(raw: BackupEntry, sameWorkspace: boolean): ImportedEntry {
  return {
    title: raw.title,
    clusterId: raw.clusterId,
    endpoint: raw.endpoint,
    username: raw.username,
    password: raw.password,
    notes: raw.notes,
    tags: raw.tags,
    clusterRole: raw.clusterRole,
    source: raw.source,
    history: raw.history,
    link: raw.link,
    credentialVersion: raw.credentialVersion,
    sameWorkspace,
  }
}

function toPlanItem(item: PlannedItem): ImportPlanItem {
  const reason =
    item.action === 'add'
      ? 'Not in this vault'
      : item.action === 'update'
        ? 'The backup holds a newer version of this entry'
        : 'Already in this vault (identical, or the entry here is newer)'
  return {
    title: item.entry.title,
    username: item.entry.username,
    endpoint: item.entry.endpoint,
    action: item.action,
    matchesEntryId: item.matchesEntryId,
    reason,
  }
}

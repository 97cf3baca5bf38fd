/**
 * Vault rules shared by main and the renderer: field bounds, search and sort over the
 * clear metadata. Main lists with these same functions, so a filter typed in the Vault
 * screen matches exactly what main would return.
 */
export const VAULT_LIMITS = {
  entriesPerAccount: 20_000,
  titleMax: 200,
  usernameMax: 128,
  endpointMax: 512,
  passwordMax: 1024,
  notesMax: 10_000,
  tagsMax: 20,
  tagMax: 40,
  /** Earlier passwords kept (encrypted) when a password is edited. */
  historyKept: 5,
  queryMax: 200,
  /** Largest backup file accepted for import (bytes, before base64). */
  backupMaxBytes: 32 * 1024 * 1024,
} as const

/**
 * `current`: holds the cluster user's present password as far as the app knows.
 * `outdated`: the cluster user's password was reset since (or a hand-typed one did not match).
 * `orphaned`: the cluster user was dropped.
 * `unlinked`: names no cluster user of this workspace; nothing to compare against.
 */
export const VAULT_ENTRY_STATES = ['current', 'outdated', 'orphaned', 'unlinked'] as const
export type VaultEntryState = (typeof VAULT_ENTRY_STATES)[number]

export const VAULT_SORT_KEYS = ['title', 'username', 'cluster', 'endpoint', 'state', 'updatedAt', 'createdAt'] as const
export type VaultSortKey = (typeof VAULT_SORT_KEYS)[number]

/** The clear fields search and sort read; a subset of the listed entry. */
export interface VaultSearchable {
  title: string
  username: string
  clusterName: string | null
  endpoint: string
  tags: readonly string[]
  state: VaultEntryState
  updatedAt: number
  createdAt: number
}

/** Lower-cased, accent-insensitive form used for matching. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Whitespace-separated terms; an entry matches when every term occurs in one of its fields. */
export function parseVaultQuery(query: string): string[] {
  return foldForSearch(query).split(/\s+/u).filter((term) => term.length > 0)
}

/** The text one entry is searched in: title, username, cluster, endpoint and tags. */
export function vaultSearchText(entry: Pick<VaultSearchable, 'title' | 'username' | 'clusterName' | 'endpoint' | 'tags'>): string {
  return foldForSearch([entry.title, entry.username, entry.clusterName ?? '', entry.endpoint, ...entry.tags].join('\n'))
}

export function matchesVaultTerms(searchText: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!searchText.includes(term)) return false
  return true
}

const STATE_ORDER: Record<VaultEntryState, number> = { outdated: 0, orphaned: 1, current: 2, unlinked: 3 }
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export function compareVaultEntries(a: VaultSearchable, b: VaultSearchable, key: VaultSortKey): number {
  switch (key) {
    case 'title':
      return collator.compare(a.title, b.title)
    case 'username':
      return collator.compare(a.username, b.username) || collator.compare(a.title, b.title)
    case 'cluster':
      return collator.compare(a.clusterName ?? '', b.clusterName ?? '') || collator.compare(a.title, b.title)
    case 'endpoint':
      return collator.compare(a.endpoint, b.endpoint) || collator.compare(a.title, b.title)
    case 'state':
      return STATE_ORDER[a.state] - STATE_ORDER[b.state] || collator.compare(a.title, b.title)
    case 'updatedAt':
      return a.updatedAt - b.updatedAt
    case 'createdAt':
      return a.createdAt - b.createdAt
  }
}

/** Normalises tags: trimmed, unique (case-insensitively), empty ones dropped, order kept. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const raw of tags) {
    const tag = raw.trim()
    const key = tag.toLowerCase()
    if (tag.length === 0 || seen.has(key)) continue
    seen.add(key)
    result.push(tag)
  }
  return result
}

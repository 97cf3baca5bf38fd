/**
 * Vault rules shared by main and the renderer: field bounds, entry states, and how entries
 * are searched and sorted on their clear metadata. Main computes the search text and sort
 * keys below once per write and stores them with the entry, so listing and searching
 * 10,000 entries is one indexed SQLite query with no per-entry work in JavaScript.
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

/** The clear fields an entry is searched in (stored folded with the entry; see vaultSearchText). */
export interface VaultSearchable {
  title: string
  username: string
  clusterName: string | null
  endpoint: string
  tags: readonly string[]
}

/** Lower-cased, accent-insensitive form used for matching. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Whitespace-separated terms, each once; an entry matches when every term occurs in one of its fields. */
export function parseVaultQuery(query: string): string[] {
  return [
    ...new Set(
      foldForSearch(query)
        .split(/\s+/u)
        .filter((term) => term.length > 0),
    ),
  ]
}

/**
 * The text one entry is searched in: title, username, cluster, endpoint and tags, folded,
 * one per line (a term never contains whitespace, so it cannot match across two fields).
 * Main stores it with the entry (`vault_entries.search_text`) and matches terms as substrings.
 */
export function vaultSearchText(entry: VaultSearchable): string {
  return foldForSearch([entry.title, entry.username, entry.clusterName ?? '', entry.endpoint, ...entry.tags].join('\n'))
}

/**
 * The key a text field sorts by. Compared as plain code points (SQLite's BINARY), the keys
 * order case- and accent-insensitively (foldForSearch) and numbers by value: each run of
 * digits is written as its length in three digits followed by the digits without leading
 * zeros, so "entry 9" (`entry 0019`) comes before "entry 10" (`entry 00210`). Everything else
 * orders by character code. Main stores these keys with each entry and sorts in SQLite.
 * Changing this function changes stored keys: ship it with a migration that recomputes them.
 */
export function vaultSortKey(text: string): string {
  return foldForSearch(text).replace(/[0-9]+/g, (digits) => {
    const value = digits.replace(/^0+(?=[0-9])/, '')
    return String(value.length).padStart(3, '0') + value
  })
}

/** "Sort by state" lists the entries that need attention first. */
export const VAULT_STATE_SORT_ORDER: readonly VaultEntryState[] = ['outdated', 'orphaned', 'current', 'unlinked']

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

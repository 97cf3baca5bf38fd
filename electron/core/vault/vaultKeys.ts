/**
 * The search text and sort keys stored with every vault entry (vault_entries.search_text and
 * the *_key columns), derived from its clear metadata by the shared rules in
 * shared/policy/vault.ts. Written with every insert and update, and filled for entries that
 * existed before schema 7 by that migration. They say nothing the clear columns do not.
 *
 * The cluster's name is part of them. Clusters are never renamed or deleted (no path in the
 * app does either), so the name an entry was written with stays its cluster's name; a rename
 * path would have to rewrite these keys for the cluster's entries.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { vaultSearchText, vaultSortKey, type VaultSearchable } from '@shared/policy/vault'

export interface VaultEntryKeys {
  search_text: string
  title_key: string
  username_key: string
  cluster_key: string
  endpoint_key: string
}

export function vaultEntryKeys(entry: VaultSearchable): VaultEntryKeys {
  return {
    search_text: vaultSearchText(entry),
    title_key: vaultSortKey(entry.title),
    username_key: vaultSortKey(entry.username),
    cluster_key: vaultSortKey(entry.clusterName ?? ''),
    endpoint_key: vaultSortKey(entry.endpoint),
  }
}

/** Tags are stored as a JSON array of strings; anything else reads as no tags. */
export function parseTags(json: string): string[] {
  if (json === '[]') return []
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : []
  } catch {
    return []
  }
}

/** Computes the keys of every existing entry (the schema 7 migration; inside its transaction). */
export function fillVaultKeys(db: BetterSqlite3.Database): void {
  const rows = db
    .prepare<[], { id: string; title: string; username: string; endpoint: string; tags: string; cluster_name: string | null }>(
      'SELECT e.id, e.title, e.username, e.endpoint, e.tags, c.name AS cluster_name FROM vault_entries e LEFT JOIN clusters c ON c.id = e.cluster_id',
    )
    .all()
  const update = db.prepare<[VaultEntryKeys & { id: string }]>(
    `UPDATE vault_entries SET search_text = @search_text, title_key = @title_key, username_key = @username_key,
       cluster_key = @cluster_key, endpoint_key = @endpoint_key WHERE id = @id`,
  )
  for (const row of rows) {
    const keys = vaultEntryKeys({
      title: row.title,
      username: row.username,
      clusterName: row.cluster_name,
      endpoint: row.endpoint,
      tags: parseTags(row.tags),
    })
    update.run({ ...keys, id: row.id })
  }
}

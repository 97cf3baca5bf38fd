/** The sort orders the Vault screen offers, each a key and direction main understands. */
import type { VaultSort } from './useVaultStore'

export interface SortOption {
  id: string
  label: string
  sort: VaultSort
}

export const SORT_OPTIONS: readonly SortOption[] = [
  { id: 'title-asc', label: 'Title, A–Z', sort: { by: 'title', direction: 'asc' } },
  { id: 'title-desc', label: 'Title, Z–A', sort: { by: 'title', direction: 'desc' } },
  { id: 'username-asc', label: 'Username', sort: { by: 'username', direction: 'asc' } },
  { id: 'cluster-asc', label: 'Cluster', sort: { by: 'cluster', direction: 'asc' } },
  { id: 'endpoint-asc', label: 'Endpoint', sort: { by: 'endpoint', direction: 'asc' } },
  { id: 'state-asc', label: 'Needs attention first', sort: { by: 'state', direction: 'asc' } },
  { id: 'updatedAt-desc', label: 'Recently changed', sort: { by: 'updatedAt', direction: 'desc' } },
  { id: 'createdAt-desc', label: 'Recently added', sort: { by: 'createdAt', direction: 'desc' } },
]

export function sortOptionId(sort: VaultSort): string {
  return SORT_OPTIONS.find((o) => o.sort.by === sort.by && o.sort.direction === sort.direction)?.id ?? `${sort.by}-${sort.direction}`
}

/** Fixtures for the vault component tests: entries as main lists them, and the vault's routes for mountView. */
import { h, type Component } from 'vue'
import { mountView } from '../../components/__tests__/mountView'
import type { ChannelOutput, VaultEntryDetail, VaultEntrySummary } from '@shared/ipc/contract'

export function summary(overrides: Partial<VaultEntrySummary> = {}): VaultEntrySummary {
  return {
    id: 'e-1',
    title: 'orders reader',
    username: 'reader_1',
    clusterName: 'orders',
    endpoint: 'https://in01-1234.example:19530',
    tags: ['production'],
    state: 'current',
    ...overrides,
  }
}

/** A list answer: the entries, the vault's size and its entries needing attention. */
export function listAnswer(
  entries: VaultEntrySummary[],
  total = entries.length,
  attention = { outdated: 0, orphaned: 0 },
): ChannelOutput<'vault.list'> {
  return { entries, total, attention }
}

export function detail(overrides: Partial<VaultEntryDetail> = {}): VaultEntryDetail {
  return {
    ...summary(),
    clusterId: 'c-1',
    clusterRole: 'read_only',
    origin: 'kept',
    createdAt: Date.UTC(2026, 10, 1),
    updatedAt: Date.UTC(2026, 10, 2),
    source: { event: 'created', byName: 'Ada Admin', at: Date.UTC(2026, 10, 1) },
    credentialVersion: 1,
    hasNotes: false,
    historyCount: 0,
    history: [],
    ...overrides,
  }
}

/** Mounts a vault screen at `path` (the one mountView, with the vault's routes beside it). */
export function mountScreen(component: Component, path: string, props: Record<string, unknown> = {}) {
  const Elsewhere = { render: () => h('p', 'elsewhere') }
  return mountView(component, {
    path,
    props,
    extraRoutes: [
      { path: '/vault', name: 'vault', component: Elsewhere },
      { path: '/vault/:entryId', name: 'vault-entry', component: Elsewhere },
      { path: '/:any(.*)*', component: Elsewhere },
    ],
  })
}

/** What a person or a DOM scraper could find: markup, text and form values. */
export function everythingInTheDocument(): string {
  const values = [...document.querySelectorAll('input, textarea')].map((input) => (input as HTMLInputElement).value)
  return [document.documentElement.outerHTML, document.body.textContent ?? '', ...values].join('\n')
}

/** Fixtures for the vault component tests: entries as main lists them, and the vault's routes for mountView. */
import { h, type Component } from 'vue'
import { mountView } from '../../components/__tests__/mountView'
import type { VaultEntryDetail, VaultEntrySummary } from '@shared/ipc/contract'

export function summary(overrides: Partial<VaultEntrySummary> = {}): VaultEntrySummary {
  return {
    id: 'e-1',
    title: 'orders reader',
    username: 'reader_1',
    clusterId: 'c-1',
    clusterName: 'orders',
    endpoint: 'https://in01-1234.example:19530',
    clusterRole: 'read_only',
    tags: ['production'],
    state: 'current',
    origin: 'kept',
    createdAt: Date.UTC(2026, 10, 1),
    updatedAt: Date.UTC(2026, 10, 2),
    ...overrides,
  }
}

export function detail(overrides: Partial<VaultEntryDetail> = {}): VaultEntryDetail {
  return {
    ...summary(),
    source: { event: 'created', byName: 'Ada Admin', at: Date.UTC(2026, 10, 1) },
    credentialVersion: 1,
    hasNotes: false,
    historyCount: 0,
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

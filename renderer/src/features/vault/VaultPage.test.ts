import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import VaultPage from './VaultPage.vue'
import { listAnswer, mountScreen, summary } from './testing'
import { buttonNamed, click } from '../../components/__tests__/dom'

/** What the page asked main to list, oldest first. */
const listInputs = () => fakeApi.calls('vault.list').map((call) => call.input)

const entries = [
  summary({ id: 'e-1', title: 'orders reader', state: 'current' }),
  summary({ id: 'e-2', title: 'billing admin', username: 'billing', state: 'outdated', tags: ['prod', 'eu', 'pci', 'team-b'] }),
  summary({ id: 'e-3', title: 'legacy', clusterName: null, endpoint: 'https://old.example:443', state: 'orphaned' }),
]

const rows = () => [...document.querySelectorAll('[role="option"]')]

describe('VaultPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    fakeApi.reset()
    fakeApi.reply('vault.list', listAnswer(entries, 3, { outdated: 1, orphaned: 1 }))
    fakeApi.reply('clusters.list', [])
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('lists the entries with outdated and orphaned badges', async () => {
    await mountScreen(VaultPage, '/vault')
    expect(rows()).toHaveLength(3)
    expect(rows()[1]?.textContent).toContain('Outdated')
    expect(rows()[2]?.textContent).toContain('Orphaned')
    expect(rows()[0]?.textContent).not.toMatch(/Outdated|Orphaned/)
    expect(rows()[2]?.textContent).toContain('https://old.example:443')
    expect(rows()[1]?.textContent).toContain('+1')
    expect(document.querySelector('[data-testid="vault-summary"]')?.textContent).toBe('3 entries')
  })

  it('says how many entries of the whole vault need attention and filters to them', async () => {
    await mountScreen(VaultPage, '/vault')
    const attention = () => document.querySelector('[data-testid="vault-attention"]')
    expect(attention()?.textContent).toContain('Need attention: 1 outdated, 1 orphaned.')
    await click(buttonNamed('Show outdated'))
    expect(listInputs().at(-1)).toEqual({ sort: { by: 'title', direction: 'asc' }, state: 'outdated' })
    expect((document.getElementById('vault-state') as HTMLSelectElement).value).toBe('outdated')
    expect(buttonNamed('Show orphaned')).toBeTruthy()
    fakeApi.reply('vault.list', listAnswer(entries.slice(0, 1), 1))
    await click(buttonNamed('Show orphaned'))
    expect(attention()).toBeNull()
  })

  it('searches in main after a short pause in typing', async () => {
    await mountScreen(VaultPage, '/vault')
    fakeApi.reply('vault.list', listAnswer(entries.slice(1, 2), 3))
    const search = document.getElementById('vault-search') as HTMLInputElement
    search.value = 'bill'
    search.dispatchEvent(new Event('input'))
    search.value = 'billing'
    search.dispatchEvent(new Event('input'))
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    expect(listInputs()).toHaveLength(2)
    expect(listInputs().at(-1)).toEqual({ query: 'billing', sort: { by: 'title', direction: 'asc' } })
    expect(rows()).toHaveLength(1)
    expect(document.querySelector('[data-testid="vault-summary"]')?.textContent).toBe('1 of 3 entries match')
  })

  it('filters by state and sorts through main', async () => {
    await mountScreen(VaultPage, '/vault')
    const state = document.getElementById('vault-state') as HTMLSelectElement
    state.value = 'outdated'
    state.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(listInputs().at(-1)).toEqual({ sort: { by: 'title', direction: 'asc' }, state: 'outdated' })
    const sort = document.getElementById('vault-sort') as HTMLSelectElement
    sort.value = 'updatedAt-desc'
    sort.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(listInputs().at(-1)).toEqual({ sort: { by: 'updatedAt', direction: 'desc' }, state: 'outdated' })
  })

  it('opens an entry with Enter from the list', async () => {
    const { router } = await mountScreen(VaultPage, '/vault')
    const list = document.querySelector<HTMLElement>('[role="listbox"]')!
    list.dispatchEvent(new FocusEvent('focus'))
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    await flushPromises()
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/vault/e-2')
  })

  it('says when the vault is empty, and when nothing matches', async () => {
    fakeApi.reply('vault.list', listAnswer([], 0))
    await mountScreen(VaultPage, '/vault')
    expect(document.body.textContent).toContain('Your vault is empty')
    document.body.innerHTML = ''
    fakeApi.reply('vault.list', listAnswer([], 12))
    await mountScreen(VaultPage, '/vault')
    expect(document.body.textContent).toContain('No entries match')
  })
})

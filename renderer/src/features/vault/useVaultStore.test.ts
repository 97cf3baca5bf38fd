import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useVaultStore } from './useVaultStore'
import { detail, listAnswer, summary } from './testing'

const api = vi.hoisted(() => ({
  'vault.list': vi.fn(),
  'vault.keepFromReveal': vi.fn(),
  'vault.update': vi.fn(),
  'vault.revealPassword': vi.fn(),
  'vault.copyPassword': vi.fn(),
}))
vi.mock('../../api', () => ({ api }))

describe('useVaultStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    for (const fn of Object.values(api)) fn.mockReset()
    api['vault.list'].mockResolvedValue(listAnswer([summary()]))
  })

  it('asks main to search, filter and sort; it does not filter by itself', async () => {
    const store = useVaultStore()
    await store.load()
    expect(api['vault.list']).toHaveBeenLastCalledWith({ sort: { by: 'title', direction: 'asc' } })
    await store.search('  prod  ')
    expect(api['vault.list']).toHaveBeenLastCalledWith({ query: 'prod', sort: { by: 'title', direction: 'asc' } })
    await store.filterState('outdated')
    await store.sortBy({ by: 'updatedAt', direction: 'desc' })
    expect(api['vault.list']).toHaveBeenLastCalledWith({
      query: 'prod',
      sort: { by: 'updatedAt', direction: 'desc' },
      state: 'outdated',
    })
    expect(store.isFiltered).toBe(true)
  })

  it('lets only the newest search land when answers arrive out of order', async () => {
    const store = useVaultStore()
    let answerSlow!: (value: unknown) => void
    api['vault.list']
      .mockImplementationOnce(() => new Promise((resolve) => (answerSlow = resolve)))
      .mockResolvedValueOnce(listAnswer([summary({ id: 'new', title: 'newest' })], 5))
    const slow = store.search('o')
    await store.search('or')
    answerSlow(listAnswer([summary({ id: 'old', title: 'stale' })], 5))
    await slow
    expect(store.entries.map((e) => e.id)).toEqual(['new'])
  })

  it('keeps a show-once password by ticket id only, then re-reads the list', async () => {
    api['vault.keepFromReveal'].mockResolvedValue(detail())
    const store = useVaultStore()
    await store.keepFromReveal('ticket-9')
    expect(api['vault.keepFromReveal']).toHaveBeenCalledWith({ ticketId: 'ticket-9' })
    expect(api['vault.list']).toHaveBeenCalled()
  })

  it('a failed re-read does not turn a saved change into an error', async () => {
    api['vault.update'].mockResolvedValue(detail({ title: 'renamed' }))
    api['vault.list'].mockRejectedValue(new Error('offline'))
    const store = useVaultStore()
    await expect(store.update('e-1', { title: 'renamed' })).resolves.toMatchObject({ title: 'renamed' })
  })

  it('never keeps a revealed password in the store', async () => {
    api['vault.revealPassword'].mockResolvedValue({ password: 'Secret-123456', replacedAt: null })
    const store = useVaultStore()
    await store.revealPassword('e-1')
    await store.revealPassword('e-1', 2)
    expect(api['vault.revealPassword']).toHaveBeenNthCalledWith(1, { entryId: 'e-1' })
    expect(api['vault.revealPassword']).toHaveBeenNthCalledWith(2, { entryId: 'e-1', historyIndex: 2 })
    expect(JSON.stringify(store.$state)).not.toContain('Secret-123456')
  })
})

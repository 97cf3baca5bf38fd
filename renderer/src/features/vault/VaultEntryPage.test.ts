import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import VaultEntryPage from './VaultEntryPage.vue'
import { apiError, button, click, dialog, flushPromises } from '../common/testing'
import { detail, everythingInTheDocument, mountScreen } from './testing'

const api = vi.hoisted(() => ({
  'vault.get': vi.fn(),
  'vault.list': vi.fn(),
  'vault.remove': vi.fn(),
  'vault.revealPassword': vi.fn(),
  'vault.copyPassword': vi.fn(),
  'vault.revealNotes': vi.fn(),
  'vault.connectSnippets': vi.fn(),
  'vault.copySnippet': vi.fn(),
  'vault.update': vi.fn(),
  'clusters.list': vi.fn(),
}))
vi.mock('../../api', () => ({ api }))

const PASSWORD = 'Kp4#vT9zQw2LmX7s'
const snippets = {
  endpoint: 'https://in01-1234.example:19530',
  username: 'reader_1',
  snippets: [
    { kind: 'pymilvus', label: 'Python (pymilvus)', text: 'MilvusClient(uri="https://in01-1234.example:19530", token="reader_1:<password>")' },
    { kind: 'node', label: 'Node.js SDK', text: "new MilvusClient({ address: 'https://in01-1234.example:19530', token: 'reader_1:<password>' })" },
    { kind: 'curl', label: 'curl (REST API)', text: 'curl -H "Authorization: Bearer reader_1:<password>" …' },
  ],
}

describe('VaultEntryPage', () => {
  beforeEach(() => {
    for (const fn of Object.values(api)) fn.mockReset()
    api['vault.get'].mockResolvedValue(detail({ historyCount: 2, hasNotes: true }))
    api['vault.list'].mockResolvedValue({ entries: [], total: 0 })
    api['vault.revealPassword'].mockResolvedValue({ password: PASSWORD, replacedAt: null })
    api['vault.copyPassword'].mockResolvedValue({ clearsAt: Date.now() + 20_000 })
    api['vault.connectSnippets'].mockResolvedValue(snippets)
    api['vault.copySnippet'].mockResolvedValue({ clearsAt: Date.now() + 20_000 })
    api['vault.revealNotes'].mockResolvedValue({ notes: 'rotate quarterly' })
    api['clusters.list'].mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows what the entry is for with its password hidden until asked', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(api['vault.get']).toHaveBeenCalledWith({ entryId: 'e-1' })
    const text = document.body.textContent ?? ''
    expect(text).toContain('orders reader')
    expect(text).toContain('Kept when the user was added by Ada Admin')
    expect(text).toContain('read_only')
    expect(api['vault.revealPassword']).not.toHaveBeenCalled()
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
    await click(button('Show password of reader_1'))
    expect(everythingInTheDocument()).toContain(PASSWORD.slice(0, 4))
  })

  it('reveals and copies earlier passwords by history index', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.body.textContent).toContain('2 earlier passwords')
    await click(button('Show earlier password 2'))
    expect(api['vault.revealPassword']).toHaveBeenCalledWith({ entryId: 'e-1', historyIndex: 2 })
    await click(button('Copy earlier password 1'))
    expect(api['vault.copyPassword']).toHaveBeenCalledWith({ entryId: 'e-1', historyIndex: 1 })
  })

  it('shows connect snippets without the password and copies the filled-in one through main', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.querySelectorAll('[data-snippet]')).toHaveLength(3)
    expect(document.body.textContent).toContain('token="reader_1:<password>"')
    await click(button('Copy Node.js SDK snippet'))
    expect(api['vault.copySnippet']).toHaveBeenCalledWith({ entryId: 'e-1', kind: 'node' })
    expect(document.body.textContent).toContain('Copied with the password')
    expect(api['vault.revealPassword']).not.toHaveBeenCalled()
  })

  it('offers to update an outdated password, opening the edit with nothing but changes sent', async () => {
    api['vault.get'].mockResolvedValue(detail({ state: 'outdated' }))
    api['vault.update'].mockResolvedValue(detail())
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.body.textContent).toContain('Outdated password')
    await click(button('Update password'))
    await flushPromises()
    const input = document.getElementById('vault-entry-password') as HTMLInputElement
    input.value = 'Fresh-Password-1'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    dialog().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await flushPromises()
    expect(api['vault.update']).toHaveBeenCalledWith({ entryId: 'e-1', password: 'Fresh-Password-1' })
  })

  it('deletes after confirmation and goes back to the list', async () => {
    api['vault.get'].mockResolvedValue(detail({ state: 'orphaned' }))
    api['vault.remove'].mockResolvedValue(null)
    const { router } = await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.body.textContent).toContain('Orphaned entry')
    await click(button('Delete'))
    expect(api['vault.remove']).not.toHaveBeenCalled()
    expect(dialog().textContent).toContain('Delete “orders reader”?')
    const confirm = [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Delete entry')!
    await click(confirm)
    await flushPromises()
    expect(api['vault.remove']).toHaveBeenCalledWith({ entryId: 'e-1' })
    expect(router.currentRoute.value.name).toBe('vault')
  })

  it('a damaged entry says so and can still be deleted', async () => {
    api['vault.get'].mockRejectedValue(apiError('VAULT_ENTRY_CORRUPT'))
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.querySelector('h1')?.textContent).toBe('This entry cannot be opened')
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('damaged')
    expect(button('Delete entry')).toBeTruthy()
  })
})

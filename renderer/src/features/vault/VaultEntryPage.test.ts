import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Channel, ChannelOutput } from '@shared/ipc/contract'
import VaultEntryPage from './VaultEntryPage.vue'
import { buttonNamed, click, control, dialog } from '../../components/__tests__/dom'
import { detail, everythingInTheDocument, listAnswer, mountScreen } from './testing'
import { formatDateTime } from '../common/format'

/** The inputs main was called with on a channel. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

const PASSWORD = 'Kp4#vT9zQw2LmX7s'
const REPLACED_AT = Date.UTC(2026, 11, 2, 10, 14)
const snippets: ChannelOutput<'vault.connectSnippets'> = {
  endpoint: 'https://in01-1234.example:19530',
  username: 'reader_1',
  snippets: [
    {
      kind: 'pymilvus',
      label: 'Python (pymilvus)',
      text: 'MilvusClient(uri="https://in01-1234.example:19530", token="reader_1:<password>")',
    },
    {
      kind: 'node',
      label: 'Node.js SDK',
      text: "new MilvusClient({ address: 'https://in01-1234.example:19530', token: 'reader_1:<password>' })",
    },
    { kind: 'curl', label: 'curl (REST API)', text: 'curl -H "Authorization: Bearer reader_1:<password>" …' },
  ],
}

describe('VaultEntryPage', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply(
      'vault.get',
      detail({
        historyCount: 2,
        history: [
          { index: 1, replacedAt: REPLACED_AT },
          { index: 2, replacedAt: null },
        ],
        hasNotes: true,
      }),
    )
    fakeApi.reply('vault.list', listAnswer([], 0))
    fakeApi.reply('vault.revealPassword', { password: PASSWORD, replacedAt: null })
    fakeApi.reply('vault.copyPassword', { clearsAt: Date.now() + 20_000 })
    fakeApi.reply('vault.connectSnippets', snippets)
    fakeApi.reply('vault.copySnippet', { clearsAt: Date.now() + 20_000 })
    fakeApi.reply('vault.revealNotes', { notes: 'rotate quarterly' })
    fakeApi.reply('clusters.list', [])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows what the entry is for with its password hidden until asked', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(inputsOf('vault.get')).toContainEqual({ entryId: 'e-1' })
    const text = document.body.textContent ?? ''
    expect(text).toContain('orders reader')
    expect(text).toContain('Kept when the user was added by Ada Admin')
    expect(text).toContain('read_only')
    expect(inputsOf('vault.revealPassword')).toEqual([])
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
    await click(buttonNamed('Show password of reader_1'))
    expect(everythingInTheDocument()).toContain(PASSWORD.slice(0, 4))
  })

  it('lists earlier passwords with the date each was replaced before anything is revealed', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    const labels = [...document.querySelectorAll('.cc-vsecret__label')].map((label) => label.textContent)
    expect(labels).toEqual(['Password', 'Notes', `Earlier password 1 — replaced ${formatDateTime(REPLACED_AT)}`, 'Earlier password 2'])
    expect(inputsOf('vault.revealPassword')).toEqual([])
  })

  it('reveals and copies earlier passwords by history index', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.body.textContent).toContain('2 earlier passwords')
    await click(buttonNamed('Show earlier password 2'))
    expect(inputsOf('vault.revealPassword')).toContainEqual({ entryId: 'e-1', historyIndex: 2 })
    await click(buttonNamed('Copy earlier password 1'))
    expect(inputsOf('vault.copyPassword')).toContainEqual({ entryId: 'e-1', historyIndex: 1 })
  })

  it('shows connect snippets without the password and copies the filled-in one through main', async () => {
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.querySelectorAll('[data-snippet]')).toHaveLength(3)
    expect(document.body.textContent).toContain('token="reader_1:<password>"')
    await click(buttonNamed('Copy Node.js SDK snippet'))
    expect(inputsOf('vault.copySnippet')).toContainEqual({ entryId: 'e-1', kind: 'node' })
    expect(document.body.textContent).toContain('Copied with the password')
    expect(inputsOf('vault.revealPassword')).toEqual([])
  })

  it('offers to update an outdated password, opening the edit with nothing but changes sent', async () => {
    fakeApi.reply('vault.get', detail({ state: 'outdated' }))
    fakeApi.reply('vault.update', detail())
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.body.textContent).toContain('Outdated password')
    await click(buttonNamed('Update password'))
    await flushPromises()
    const input = document.getElementById('vault-entry-password') as HTMLInputElement
    input.value = 'Fresh-Password-1'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    dialog()
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { cancelable: true }))
    await flushPromises()
    expect(inputsOf('vault.update')).toContainEqual({ entryId: 'e-1', password: 'Fresh-Password-1' })
  })

  it('deletes after confirmation and goes back to the list', async () => {
    fakeApi.reply('vault.get', detail({ state: 'orphaned' }))
    fakeApi.reply('vault.remove', null)
    const { router } = await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.body.textContent).toContain('Orphaned entry')
    await click(buttonNamed('Delete'))
    expect(inputsOf('vault.remove')).toEqual([])
    expect(dialog().textContent).toContain('Delete “orders reader”?')
    const confirm = [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Delete entry')!
    await click(confirm)
    await flushPromises()
    expect(inputsOf('vault.remove')).toContainEqual({ entryId: 'e-1' })
    expect(router.currentRoute.value.name).toBe('vault')
  })

  it('hands the entry off by its id: main reads the password from the vault, the page never sees it', async () => {
    fakeApi.reply('contacts.list', [
      {
        id: 'member:acc_2',
        kind: 'member',
        name: 'Pat Member',
        email: 'pat@example.com',
        ageRecipient: 'age1pat',
        fingerprint: '1',
        verified: true,
      },
    ])
    fakeApi.reply('handoff.send', {
      sent: [
        {
          handoffId: 'h1',
          recipientId: 'member:acc_2',
          recipientName: 'Pat Member',
          delivery: 'inbox',
          enforced: true,
          expiresAt: Date.now() + 1,
          armored: null,
        },
      ],
    })
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    await click(buttonNamed('Hand off…'))
    expect(dialog().textContent).toContain('Hand off this password')
    expect(dialog().textContent).toContain('reader_1 on orders')
    await click(control('Pat Member member · inbox'))
    await click(buttonNamed('Hand off'))
    expect(inputsOf('handoff.send')).toEqual([
      { source: { kind: 'vault', entryId: 'e-1' }, recipientIds: ['member:acc_2'], expiresInHours: 24, note: null },
    ])
    expect(dialog().textContent).toContain("Waiting in Pat Member's inbox")
    expect(inputsOf('vault.revealPassword')).toEqual([])
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
  })

  it('a damaged entry says so and can still be deleted', async () => {
    fakeApi.fail('vault.get', { code: 'VAULT_ENTRY_CORRUPT', message: 'VAULT_ENTRY_CORRUPT' })
    await mountScreen(VaultEntryPage, '/vault/e-1', { entryId: 'e-1' })
    expect(document.querySelector('h1')?.textContent).toBe('This entry cannot be opened')
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('damaged')
    expect(buttonNamed('Delete entry')).toBeTruthy()
  })
})

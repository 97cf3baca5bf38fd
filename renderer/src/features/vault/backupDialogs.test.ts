import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { Channel, ImportPreview } from '@shared/ipc/contract'
import ExportBackupDialog from './ExportBackupDialog.vue'
import ImportBackupDialog from './ImportBackupDialog.vue'
import { buttonNamed, click, dialog, submitForm, typeInto } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'
import { bytesToBase64 } from './backupFile'
import { listAnswer } from './testing'

/** The inputs main was called with on a channel. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}
// The strength meter's dictionaries take seconds to load and are tested with the meter itself.
vi.mock('../../components/passphraseStrength', async (original) => ({
  ...(await original<Record<string, unknown>>()),
  estimateStrength: async () => ({ score: 3 as const, warning: null, suggestions: [] }),
}))

const BACKUP_PASSPHRASE = 'a long backup passphrase'

const submit = () => submitForm(dialog())

describe('ExportBackupDialog', () => {
  let downloads: { name: string; href: string }[]
  beforeEach(() => {
    fakeApi.reset()
    downloads = []
    URL.createObjectURL = vi.fn(() => 'blob:backup')
    URL.revokeObjectURL = vi.fn()
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, href: this.href })
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('asks for the backup passphrase twice and refuses a short or mistyped one', async () => {
    mountInDocument(ExportBackupDialog, { props: { open: true } })
    await flushPromises()
    await typeInto(document.getElementById('vault-backup-passphrase') as HTMLInputElement, 'short')
    await submit()
    expect(dialog().textContent).toContain('at least 12 characters')
    await typeInto(document.getElementById('vault-backup-passphrase') as HTMLInputElement, BACKUP_PASSPHRASE)
    await typeInto(document.getElementById('vault-backup-confirm') as HTMLInputElement, `${BACKUP_PASSPHRASE}!`)
    await submit()
    expect(dialog().textContent).toContain('The passphrases do not match.')
    expect(inputsOf('vault.exportBackup')).toEqual([])
  })

  it('has main encrypt the vault and saves the age file it returns', async () => {
    fakeApi.reply('vault.exportBackup', {
      fileName: 'vault-2026-12-02.age',
      armored: '-----BEGIN AGE ENCRYPTED FILE-----',
      entryCount: 3,
      unreadable: 0,
    })
    const wrapper = mountInDocument(ExportBackupDialog, {
      props: { open: true, 'onUpdate:open': (v: boolean) => wrapper.setProps({ open: v }) },
    })
    await flushPromises()
    await typeInto(document.getElementById('vault-backup-passphrase') as HTMLInputElement, BACKUP_PASSPHRASE)
    await typeInto(document.getElementById('vault-backup-confirm') as HTMLInputElement, BACKUP_PASSPHRASE)
    await submit()
    expect(inputsOf('vault.exportBackup')).toContainEqual({ passphrase: BACKUP_PASSPHRASE })
    expect(downloads).toEqual([{ name: 'vault-2026-12-02.age', href: 'blob:backup' }])
    expect(document.body.querySelector('[role="dialog"]')).toBeNull()
  })
})

describe('ImportBackupDialog', () => {
  const preview: ImportPreview = {
    importId: 'imp-1',
    expiresAt: Date.now() + 60_000,
    added: 2,
    updated: 1,
    skipped: 1,
    items: [
      { title: 'a', username: 'u1', endpoint: 'https://a', action: 'add', matchesEntryId: null, reason: 'New entry' },
      { title: 'b', username: 'u2', endpoint: 'https://b', action: 'update', matchesEntryId: 'e-2', reason: 'The backup is newer' },
    ],
  }

  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('vault.list', listAnswer([], 0))
    fakeApi.reply('vault.cancelImport', null)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function chooseFile(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const input = document.getElementById('vault-import-file') as HTMLInputElement
    const file = new File([bytes], 'vault.age')
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    input.dispatchEvent(new Event('change'))
    await flushPromises()
  }

  function mountDialog() {
    const open = ref(true)
    const wrapper = mountInDocument(ImportBackupDialog, {
      props: { open: open.value, 'onUpdate:open': (v: boolean) => wrapper.setProps({ open: v }) },
    })
    return wrapper
  }

  it('previews what would be added, updated and skipped before anything is written', async () => {
    fakeApi.reply('vault.previewImport', preview)
    fakeApi.reply('vault.applyImport', { added: 2, updated: 1, skipped: 1 })
    const wrapper = mountDialog()
    await flushPromises()
    const bytes = new Uint8Array([0x61, 0x67, 0x65, 0x00, 0xff])
    await chooseFile(bytes)
    await typeInto(document.getElementById('vault-import-passphrase') as HTMLInputElement, BACKUP_PASSPHRASE)
    await submit()
    expect(inputsOf('vault.previewImport')).toContainEqual({ fileBase64: bytesToBase64(bytes), passphrase: BACKUP_PASSPHRASE })
    expect(inputsOf('vault.applyImport')).toEqual([])
    const text = dialog().textContent ?? ''
    expect(text).toContain('2 to add')
    expect(text).toContain('1 to update')
    expect(text).toContain('1 to skip')
    expect(text).toContain('The backup is newer')
    await click(buttonNamed('Import 3 entries'))
    expect(inputsOf('vault.applyImport')).toContainEqual({ importId: 'imp-1' })
    expect(wrapper.emitted('imported')).toHaveLength(1)
    expect(inputsOf('vault.cancelImport')).toEqual([])
  })

  it('cancels the plan in main when closed without importing', async () => {
    fakeApi.reply('vault.previewImport', preview)
    mountDialog()
    await flushPromises()
    await chooseFile(new Uint8Array([1, 2, 3]))
    await typeInto(document.getElementById('vault-import-passphrase') as HTMLInputElement, BACKUP_PASSPHRASE)
    await submit()
    await click(buttonNamed('Cancel'))
    expect(inputsOf('vault.cancelImport')).toContainEqual({ importId: 'imp-1' })
    expect(inputsOf('vault.applyImport')).toEqual([])
  })

  it('puts a wrong passphrase under the field and a damaged file in a form error', async () => {
    fakeApi.fail('vault.previewImport', { code: 'BACKUP_WRONG_PASSPHRASE', message: 'Wrong backup passphrase.' })
    mountDialog()
    await flushPromises()
    await chooseFile(new Uint8Array([1]))
    await typeInto(document.getElementById('vault-import-passphrase') as HTMLInputElement, 'wrong passphrase!')
    await submit()
    const field = document.getElementById('vault-import-passphrase')!
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(dialog().textContent).toContain('does not open the file')
    fakeApi.fail('vault.previewImport', { code: 'BACKUP_INVALID', message: '' })
    await submit()
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('not a vault backup')
  })

  it('asks for a file and a passphrase first', async () => {
    mountDialog()
    await flushPromises()
    await submit()
    expect(dialog().textContent).toContain('Choose a backup file.')
    expect(dialog().textContent).toContain('Enter the backup passphrase.')
    expect(inputsOf('vault.previewImport')).toEqual([])
  })
})

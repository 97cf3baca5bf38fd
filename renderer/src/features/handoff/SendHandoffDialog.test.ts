import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel, Contact } from '@shared/ipc/contract'
import SendHandoffDialog from './SendHandoffDialog.vue'
import { buttonNamed, click, control, dialog } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'
import { flushPromises } from '@vue/test-utils'

/** What main was asked on a channel: the inputs it was called with, in order. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

const contacts: Contact[] = [
  { id: 'member:acc_1', kind: 'member', name: 'Pat Member', email: 'pat@example.com', ageRecipient: 'age1pat', fingerprint: '1', verified: true },
  { id: 'ct_1', kind: 'card', name: 'Quinn Card', email: 'quinn@example.com', ageRecipient: 'age1quinn', fingerprint: '2', verified: false },
  { id: 'ct_2', kind: 'external', name: 'Ops Laptop', email: null, ageRecipient: 'age1ops', fingerprint: null, verified: false },
]

async function openDialog() {
  const wrapper = mountInDocument(SendHandoffDialog, { props: { open: false, source: { kind: 'reveal', ticketId: 'ticket-1' }, what: 'app_reader on orders' } })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

describe('SendHandoffDialog', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('contacts.list', contacts)
    fakeApi.reply('handoff.outbox', [])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends the ticket id (never a password) with the chosen recipients, the 24 h default and the note', async () => {
    const wrapper = await openDialog()
    expect((control('Expires after') as unknown as HTMLSelectElement).value).toBe('24')
    await click(control('Pat Member member · inbox') as HTMLInputElement)
    const note = control('Note (optional)') as HTMLInputElement
    note.value = ' for the app team '
    note.dispatchEvent(new Event('input'))
    fakeApi.reply('handoff.send', {
      sent: [{ handoffId: 'h1', recipientId: 'member:acc_1', recipientName: 'Pat Member', delivery: 'inbox', enforced: true, expiresAt: Date.now() + 1, armored: null }],
    })
    await click(buttonNamed('Hand off'))
    expect(inputsOf('handoff.send')).toContainEqual({
      source: { kind: 'reveal', ticketId: 'ticket-1' },
      recipientIds: ['member:acc_1'],
      expiresInHours: 24,
      note: 'for the app team',
    })
    expect(dialog().textContent).toContain("Waiting in Pat Member's inbox")
    wrapper.unmount()
  })

  it('warns about unverified cards and says plainly that external recipients are held to nothing', async () => {
    const wrapper = await openDialog()
    expect(dialog().textContent).not.toContain('Unverified contact')
    await click(control('Quinn Card contact card · file or QR · unverified') as HTMLInputElement)
    expect(dialog().textContent).toContain('Unverified contact')
    await click(control('Ops Laptop external age recipient · file or QR') as HTMLInputElement)
    expect(dialog().textContent).toContain('Expiry and single use cannot be enforced there')
    wrapper.unmount()
  })

  it('asks for a recipient before sending, and shows a QR refusal with its reason', async () => {
    const wrapper = await openDialog()
    await click(buttonNamed('Hand off'))
    expect(dialog().textContent).toContain('Pick at least one recipient.')
    expect(inputsOf('handoff.send')).toEqual([])
    await click(control('Ops Laptop external age recipient · file or QR') as HTMLInputElement)
    fakeApi.reply('handoff.send', {
      sent: [{ handoffId: 'h2', recipientId: 'ct_2', recipientName: 'Ops Laptop', delivery: 'file', enforced: false, expiresAt: Date.now() + 1, armored: '-----BEGIN AGE ENCRYPTED FILE-----' }],
    })
    await click(buttonNamed('Hand off'))
    fakeApi.fail('handoff.renderQr', { code: 'QR_TOO_LARGE', message: 'This is 3,100 bytes; one QR code holds at most 2,953. Save it as a file instead.' })
    await click(buttonNamed('Show QR code'))
    expect(dialog().textContent).toContain('This is 3,100 bytes')
    wrapper.unmount()
  })
})

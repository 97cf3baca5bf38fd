import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Contact } from '@shared/ipc/contract'
import SendHandoffDialog from './SendHandoffDialog.vue'
import { apiError, button, byLabel, click, dialog, flushPromises, mountInDocument } from '../common/testing'

const api = vi.hoisted(() => ({
  'contacts.list': vi.fn(),
  'handoff.send': vi.fn(),
  'handoff.outbox': vi.fn(),
  'handoff.renderQr': vi.fn(),
}))
vi.mock('../../api', () => ({ api }))

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
    api['contacts.list'].mockReset().mockResolvedValue(contacts)
    api['handoff.send'].mockReset()
    api['handoff.outbox'].mockReset().mockResolvedValue([])
    api['handoff.renderQr'].mockReset()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends the ticket id (never a password) with the chosen recipients, the 24 h default and the note', async () => {
    const wrapper = await openDialog()
    expect((byLabel('Expires after') as HTMLSelectElement).value).toBe('24')
    await click(byLabel('Pat Member member · inbox') as HTMLInputElement)
    const note = byLabel('Note (optional)') as HTMLInputElement
    note.value = ' for the app team '
    note.dispatchEvent(new Event('input'))
    api['handoff.send'].mockResolvedValue({
      sent: [{ handoffId: 'h1', recipientId: 'member:acc_1', recipientName: 'Pat Member', delivery: 'inbox', enforced: true, expiresAt: Date.now() + 1, armored: null }],
    })
    await click(button('Hand off'))
    expect(api['handoff.send']).toHaveBeenCalledWith({
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
    await click(byLabel('Quinn Card contact card · file or QR · unverified') as HTMLInputElement)
    expect(dialog().textContent).toContain('Unverified contact')
    await click(byLabel('Ops Laptop external age recipient · file or QR') as HTMLInputElement)
    expect(dialog().textContent).toContain('Expiry and single use cannot be enforced there')
    wrapper.unmount()
  })

  it('asks for a recipient before sending, and shows a QR refusal with its reason', async () => {
    const wrapper = await openDialog()
    await click(button('Hand off'))
    expect(dialog().textContent).toContain('Pick at least one recipient.')
    expect(api['handoff.send']).not.toHaveBeenCalled()
    await click(byLabel('Ops Laptop external age recipient · file or QR') as HTMLInputElement)
    api['handoff.send'].mockResolvedValue({
      sent: [{ handoffId: 'h2', recipientId: 'ct_2', recipientName: 'Ops Laptop', delivery: 'file', enforced: false, expiresAt: Date.now() + 1, armored: '-----BEGIN AGE ENCRYPTED FILE-----' }],
    })
    await click(button('Hand off'))
    api['handoff.renderQr'].mockRejectedValue(apiError('QR_TOO_LARGE', 'This is 3,100 bytes; one QR code holds at most 2,953. Save it as a file instead.'))
    await click(button('Show QR code'))
    expect(dialog().textContent).toContain('This is 3,100 bytes')
    wrapper.unmount()
  })
})

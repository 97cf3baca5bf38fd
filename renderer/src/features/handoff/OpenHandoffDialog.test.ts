import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import OpenHandoffDialog from './OpenHandoffDialog.vue'
import { useRevealStore } from '../reveal/useRevealStore'
import { apiError, button, byLabel, click, dialog, mountInDocument, type } from '../common/testing'
import { flushPromises } from '@vue/test-utils'

const api = vi.hoisted(() => ({ 'handoff.openFile': vi.fn(), 'contacts.list': vi.fn() }))
vi.mock('../../api', () => ({ api }))

const FILE = '-----BEGIN AGE ENCRYPTED FILE-----\nabc\n-----END AGE ENCRYPTED FILE-----\n'
const sender = { name: 'Carol', email: 'carol@example.com', fingerprint: '12345 '.repeat(11) + '12345', verified: false }

async function openDialog() {
  const wrapper = mountInDocument(OpenHandoffDialog, { props: { open: false } })
  await wrapper.setProps({ open: true })
  await flushPromises()
  await type(byLabel('Handoff') as HTMLInputElement, FILE)
  return wrapper
}

describe('OpenHandoffDialog', () => {
  beforeEach(() => {
    api['handoff.openFile'].mockReset()
    api['contacts.list'].mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends the text exactly as given; an unknown sender is shown with the fingerprint and accepted only by that fingerprint', async () => {
    const wrapper = await openDialog()
    api['handoff.openFile'].mockResolvedValueOnce({ status: 'confirmSender', sender })
    await click(button('Open handoff'))
    expect(api['handoff.openFile']).toHaveBeenLastCalledWith({ text: FILE, acceptSenderFingerprint: null })
    expect(dialog().textContent).toContain('The sender is not one of your contacts')
    expect(dialog().textContent).toContain('Fingerprint: ' + sender.fingerprint)
    api['handoff.openFile'].mockResolvedValueOnce({
      status: 'opened',
      handoffId: 'h1',
      reveal: { ticketId: 't-9', expiresAt: Date.now() + 1 },
      sender,
      clusterName: 'orders',
      username: 'app_reader',
      role: 'read_only',
      note: null,
      expiresAt: Date.now() + 1,
    })
    await click(button('The fingerprint matches: open'))
    expect(api['handoff.openFile']).toHaveBeenLastCalledWith({ text: FILE, acceptSenderFingerprint: sender.fingerprint })
    expect(useRevealStore().pending?.ticketId).toBe('t-9')
    expect(useRevealStore().context).toContain('Handed off by Carol')
    wrapper.unmount()
  })

  it('shows a typed refusal and keeps the dialog open', async () => {
    const wrapper = await openDialog()
    api['handoff.openFile'].mockRejectedValueOnce(apiError('HANDOFF_EXPIRED', 'This handoff has expired. Nothing was opened; ask the sender for a new one.'))
    await click(button('Open handoff'))
    expect(dialog().textContent).toContain('This handoff has expired.')
    expect(useRevealStore().pending).toBeNull()
    wrapper.unmount()
  })
})

import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel } from '@shared/ipc/contract'
import OpenHandoffDialog from './OpenHandoffDialog.vue'
import { useRevealStore } from '../reveal/useRevealStore'
import { buttonNamed, click, control, dialog, typeInto } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'
import { flushPromises } from '@vue/test-utils'

/** What main was asked on a channel: the inputs it was called with, in order. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

const FILE = '-----BEGIN AGE ENCRYPTED FILE-----\nabc\n-----END AGE ENCRYPTED FILE-----\n'
const sender = { name: 'Carol', email: 'carol@example.com', fingerprint: '12345 '.repeat(11) + '12345', verified: false }

async function openDialog() {
  const wrapper = mountInDocument(OpenHandoffDialog, { props: { open: false } })
  await wrapper.setProps({ open: true })
  await flushPromises()
  await typeInto(control('Handoff') as HTMLInputElement, FILE)
  return wrapper
}

describe('OpenHandoffDialog', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('contacts.list', [])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends the text exactly as given; an unknown sender is shown with the fingerprint and accepted only by that fingerprint', async () => {
    const wrapper = await openDialog()
    fakeApi.reply('handoff.openFile', { status: 'confirmSender', sender })
    await click(buttonNamed('Open handoff'))
    expect(inputsOf('handoff.openFile').at(-1)).toEqual({ text: FILE, acceptSenderFingerprint: null })
    expect(dialog().textContent).toContain('The sender is not one of your contacts')
    expect(dialog().textContent).toContain('Fingerprint: ' + sender.fingerprint)
    fakeApi.reply('handoff.openFile', {
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
    await click(buttonNamed('The fingerprint matches: open'))
    expect(inputsOf('handoff.openFile').at(-1)).toEqual({ text: FILE, acceptSenderFingerprint: sender.fingerprint })
    expect(useRevealStore().pending?.ticketId).toBe('t-9')
    expect(useRevealStore().context).toContain('Handed off by Carol')
    wrapper.unmount()
  })

  it('shows a typed refusal and keeps the dialog open', async () => {
    const wrapper = await openDialog()
    fakeApi.fail('handoff.openFile', { code: 'HANDOFF_EXPIRED', message: 'This handoff has expired. Nothing was opened; ask the sender for a new one.' })
    await click(buttonNamed('Open handoff'))
    expect(dialog().textContent).toContain('This handoff has expired.')
    expect(useRevealStore().pending).toBeNull()
    wrapper.unmount()
  })
})

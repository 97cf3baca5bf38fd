import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import RevealDialog from './RevealDialog.vue'
import { apiError, button, click, dialog, flushPromises, mountInDocument } from '../common/testing'

const api = vi.hoisted(() => ({
  'reveal.open': vi.fn(),
  'reveal.dismiss': vi.fn(),
  'clipboard.copySecret': vi.fn(),
  'vault.keepFromReveal': vi.fn(),
  'vault.list': vi.fn(),
}))
vi.mock('../../api', () => ({ api }))

const PASSWORD = 'Xq7#mV2pR9wT4kLz8sNb'
const ticket = { ticketId: 'ticket-1', expiresAt: Date.now() + 300_000 }
const revealed = {
  clusterId: 'c-1',
  clusterName: 'orders',
  endpoint: 'https://in01-1234.aws-us-west-2.vectordb.example:19530',
  username: 'reader_1',
  password: PASSWORD,
}

/** What a person (or a DOM scraper) could find: text, attributes and form values. */
function everythingInTheDocument(): string {
  const values = [...document.querySelectorAll('input')].map((input) => input.value)
  return [document.documentElement.outerHTML, document.body.textContent ?? '', ...values].join('\n')
}

describe('RevealDialog', () => {
  beforeEach(() => {
    api['reveal.open'].mockReset().mockResolvedValue({ ...revealed })
    api['reveal.dismiss'].mockReset().mockResolvedValue(null)
    api['clipboard.copySecret'].mockReset().mockResolvedValue({ clearsAt: Date.now() + 10_000 })
    api['vault.keepFromReveal'].mockReset()
    api['vault.list'].mockReset().mockResolvedValue({ entries: [], total: 1 })
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the password once, grouped in monospace, with the endpoint and the warning', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: 'User reader_1 was added.' } })
    await flushPromises()
    expect(api['reveal.open']).toHaveBeenCalledWith({ ticketId: 'ticket-1' })
    const text = dialog().textContent ?? ''
    expect(text).toContain('The password will not be displayed again. Keep it in your vault, or note it down and store it securely.')
    expect(text).toContain(revealed.endpoint)
    expect(text).toContain('reader_1')
    const value = dialog().querySelector('[data-testid="secret-value"]')
    expect(value?.textContent).toBe(PASSWORD)
    expect(value?.querySelectorAll('span')).toHaveLength(5)
    wrapper.unmount()
  })

  it('copies through main and says when the clipboard is cleared', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    await click(button('Copy password'))
    expect(api['clipboard.copySecret']).toHaveBeenCalledWith({ text: PASSWORD })
    expect(dialog().textContent).toContain('Copied — the clipboard will be cleared in 10 s')
    wrapper.unmount()
  })

  it('on "I have stored it" dismisses the ticket and leaves no plaintext in the DOM', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    expect(everythingInTheDocument()).toContain(PASSWORD)
    await click(button('I have stored it'))
    await flushPromises()
    expect(api['reveal.dismiss']).toHaveBeenCalledWith({ ticketId: 'ticket-1' })
    expect(wrapper.emitted('closed')).toHaveLength(1)
    expect(document.body.querySelector('[role="dialog"]')).toBeNull()
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
    expect(everythingInTheDocument()).not.toContain(PASSWORD.slice(0, 4))
    wrapper.unmount()
  })

  it('also dismisses and wipes when closed with Escape', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    dialog().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(api['reveal.dismiss']).toHaveBeenCalledWith({ ticketId: 'ticket-1' })
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
    wrapper.unmount()
  })

  it.each([
    ['REVEAL_CONSUMED', 'already been shown once'],
    ['REVEAL_EXPIRED', 'was not opened in time'],
  ] as const)('explains %s', async (code, expected) => {
    api['reveal.open'].mockRejectedValue(apiError(code))
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(expected)
    await click(button('Close'))
    expect(api['reveal.dismiss']).toHaveBeenCalledWith({ ticketId: 'ticket-1' })
    wrapper.unmount()
  })

  it('keeps the password in the vault by ticket id only: the plaintext never goes back to main', async () => {
    api['vault.keepFromReveal'].mockResolvedValue({ title: 'reader_1 on orders' })
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    await click(button('Keep in my vault'))
    expect(api['vault.keepFromReveal']).toHaveBeenCalledWith({ ticketId: 'ticket-1' })
    expect(JSON.stringify(api['vault.keepFromReveal'].mock.calls)).not.toContain(PASSWORD)
    expect(dialog().textContent).toContain('Kept in your vault as “reader_1 on orders”.')
    expect(() => button('Keep in my vault')).toThrow()
    // Kept or not, closing still dismisses the single-use ticket.
    await click(button('Done'))
    expect(api['reveal.dismiss']).toHaveBeenCalledWith({ ticketId: 'ticket-1' })
    wrapper.unmount()
  })

  it('says why a keep failed and still offers to close', async () => {
    api['vault.keepFromReveal'].mockRejectedValue(apiError('VAULT_LOCKED'))
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    await click(button('Keep in my vault'))
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('The vault is locked')
    expect(button('I have stored it')).toBeTruthy()
    wrapper.unmount()
  })
})

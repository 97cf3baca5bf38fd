import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { AppErrorPayload, ErrorCode } from '@shared/errors'
import type { Channel } from '@shared/ipc/contract'
import RevealDialog from './RevealDialog.vue'
import { buttonNamed, click, dialog } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'

/** What main answered for a channel: the inputs it was called with. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

function failure(code: ErrorCode, message: string = code): AppErrorPayload {
  return { code, message }
}

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
    fakeApi.reset()
    fakeApi.reply('reveal.open', { ...revealed })
    fakeApi.reply('reveal.dismiss', null)
    fakeApi.reply('clipboard.copySecret', () => ({ clearsAt: Date.now() + 10_000 }))
    fakeApi.reply('vault.list', { entries: [], total: 1 } as never)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the password once, grouped in monospace, with the endpoint and the warning', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: 'User reader_1 was added.' } })
    await flushPromises()
    expect(inputsOf('reveal.open')).toContainEqual({ ticketId: 'ticket-1' })
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
    await click(buttonNamed('Copy password'))
    expect(inputsOf('clipboard.copySecret')).toContainEqual({ text: PASSWORD })
    expect(dialog().textContent).toContain('Copied — the clipboard will be cleared in 10 s')
    wrapper.unmount()
  })

  it('on "I have stored it" after copying dismisses the ticket and leaves no plaintext in the DOM', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    expect(everythingInTheDocument()).toContain(PASSWORD)
    await click(buttonNamed('Copy password'))
    await click(buttonNamed('I have stored it'))
    await flushPromises()
    expect(inputsOf('reveal.dismiss')).toContainEqual({ ticketId: 'ticket-1' })
    expect(wrapper.emitted('closed')).toHaveLength(1)
    expect(document.body.querySelector('[role="dialog"]')).toBeNull()
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
    expect(everythingInTheDocument()).not.toContain(PASSWORD.slice(0, 4))
    wrapper.unmount()
  })

  it('asks before closing an uncopied password; "Go back" keeps it, confirming dismisses and wipes', async () => {
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    await click(buttonNamed('I have stored it'))
    expect(document.body.textContent).toContain('Close without copying?')
    await click(buttonNamed('Go back'))
    expect(inputsOf('reveal.dismiss')).toEqual([])
    expect(everythingInTheDocument()).toContain(PASSWORD)
    await click(buttonNamed('I have stored it'))
    await click(buttonNamed('Close and forget it'))
    await flushPromises()
    expect(inputsOf('reveal.dismiss')).toContainEqual({ ticketId: 'ticket-1' })
    expect(everythingInTheDocument()).not.toContain(PASSWORD)
    wrapper.unmount()
  })

  it.each([
    ['REVEAL_CONSUMED', 'already been shown once'],
    ['REVEAL_EXPIRED', 'was not opened in time'],
  ] as const)('explains %s', async (code, expected) => {
    fakeApi.fail('reveal.open', failure(code))
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(expected)
    await click(buttonNamed('Close'))
    expect(inputsOf('reveal.dismiss')).toContainEqual({ ticketId: 'ticket-1' })
    wrapper.unmount()
  })

  it('keeps the password in the vault by ticket id only: the plaintext never goes back to main', async () => {
    fakeApi.reply('vault.keepFromReveal', { title: 'reader_1 on orders' } as never)
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    await click(buttonNamed('Keep in my vault'))
    expect(inputsOf('vault.keepFromReveal')).toEqual([{ ticketId: 'ticket-1' }])
    expect(JSON.stringify(inputsOf('vault.keepFromReveal'))).not.toContain(PASSWORD)
    expect(dialog().textContent).toContain('Kept in your vault as “reader_1 on orders”.')
    expect(() => buttonNamed('Keep in my vault')).toThrow()
    // Kept or not, closing still dismisses the single-use ticket.
    await click(buttonNamed('Done'))
    expect(inputsOf('reveal.dismiss')).toContainEqual({ ticketId: 'ticket-1' })
    wrapper.unmount()
  })

  it('says why a keep failed and still offers to close', async () => {
    fakeApi.fail('vault.keepFromReveal', failure('VAULT_LOCKED'))
    const wrapper = mountInDocument(RevealDialog, { props: { ticket, context: '' } })
    await flushPromises()
    await click(buttonNamed('Keep in my vault'))
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('The vault is locked')
    expect(buttonNamed('I have stored it')).toBeTruthy()
    wrapper.unmount()
  })
})

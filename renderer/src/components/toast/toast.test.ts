import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { ToastHost, useToasts } from './index'

describe('toasts', () => {
  afterEach(() => {
    useToasts().dismiss()
    document.body.innerHTML = ''
  })

  it('shows what useToasts adds, from outside any component, in a labelled region', async () => {
    const wrapper = mount(ToastHost, { attachTo: document.body })
    await flushPromises()
    useToasts().success('Passphrase changed', 'Use the new passphrase the next time you sign in.')
    await flushPromises()
    const toast = document.querySelector('.cc-toast')
    expect(toast?.getAttribute('data-status')).toBe('success')
    expect(toast?.textContent).toContain('Passphrase changed')
    expect(toast?.textContent).toContain('Use the new passphrase the next time you sign in.')
    expect(document.querySelector('[role="region"]')?.getAttribute('aria-label')).toMatch(/^Notifications/)
    wrapper.unmount()
  })

  it('can be dismissed with its close button', async () => {
    const wrapper = mount(ToastHost, { attachTo: document.body })
    await flushPromises()
    useToasts().error('Could not sign out', 'Try again.')
    await flushPromises()
    const close = document.querySelector<HTMLButtonElement>('button[aria-label="Dismiss notification"]')
    close?.click()
    await flushPromises()
    expect(document.querySelector('.cc-toast[data-state="open"]')).toBeNull()
    wrapper.unmount()
  })
})

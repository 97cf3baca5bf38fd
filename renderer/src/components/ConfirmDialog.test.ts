import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import ConfirmDialog from './ConfirmDialog.vue'
import { buttonNamed } from './__tests__/dom'

async function mountOpen(props: Record<string, unknown> = {}) {
  const wrapper = mount(ConfirmDialog, {
    attachTo: document.body,
    props: { open: true, title: 'Drop user reader_1?', confirmLabel: 'Drop user', tone: 'danger', ...props },
    slots: { default: 'The user can no longer connect.' },
  })
  await flushPromises()
  return wrapper
}

describe('ConfirmDialog (on AppDialog)', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('is a titled modal dialog with its message and both choices', async () => {
    const wrapper = await mountOpen()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Drop user reader_1?')
    expect(dialog.textContent).toContain('The user can no longer connect.')
    expect(buttonNamed('Cancel')).toBeTruthy()
    expect(buttonNamed('Drop user').className).toContain('cc-button--danger')
    wrapper.unmount()
  })

  it('emits confirm and stays open for the caller to close', async () => {
    const wrapper = await mountOpen()
    buttonNamed('Drop user').click()
    await flushPromises()
    expect(wrapper.emitted('confirm')).toHaveLength(1)
    expect(wrapper.emitted('update:open')).toBeUndefined()
    wrapper.unmount()
  })

  it('cancels with the button and with Escape', async () => {
    const wrapper = await mountOpen()
    buttonNamed('Cancel').click()
    await flushPromises()
    expect(wrapper.emitted('cancel')).toHaveLength(1)
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
    document.body.innerHTML = ''

    const again = await mountOpen()
    document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(again.emitted('update:open')?.at(-1)).toEqual([false])
    again.unmount()
  })

  it('shows an error as an alert and blocks both buttons while busy', async () => {
    const wrapper = await mountOpen({ busy: true, error: 'db_admin can never be dropped.' })
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('db_admin can never be dropped.')
    expect(buttonNamed('Cancel').disabled).toBe(true)
    expect(buttonNamed('Drop user').disabled).toBe(true)
    wrapper.unmount()
  })
})

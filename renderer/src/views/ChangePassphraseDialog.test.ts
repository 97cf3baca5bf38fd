import { deferred, fakeApi } from '../components/__tests__/fakePreloadApi'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcResponse } from '@shared/errors'
import { buttonNamed, control, descriptionOf, submitForm, typeInto } from '../components/__tests__/dom'
import { loadStrengthEstimator } from '../components/passphraseStrength'
import { useSessionStore } from '../stores/session'
import ChangePassphraseDialog from './ChangePassphraseDialog.vue'

const CURRENT = 'correct horse battery staple'
const NEXT = 'quartz mango tundra velvet'

async function openDialog() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().adoptSession({
    account: { id: 'a1', displayName: 'Ada Lovelace', email: 'ada@example.test' },
    organization: { id: 'o1', name: 'Analytical Engines' },
    orgRole: 'owner',
    projectRoles: [],
    permissions: { createProjects: true, manageMembers: true, manageOrganization: true, viewAudit: true },
  })
  const wrapper = mount(ChangePassphraseDialog, {
    attachTo: document.body,
    props: { open: false, 'onUpdate:open': (open: boolean) => wrapper.setProps({ open }) },
    global: { plugins: [pinia] },
  })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

function dialog(): HTMLElement | null {
  return document.querySelector('[role="dialog"]')
}

async function fill(current: string, next: string, confirm = next): Promise<void> {
  await typeInto(control('Current passphrase'), current)
  await typeInto(control('New passphrase'), next)
  await typeInto(control('Confirm new passphrase'), confirm)
}

describe('change passphrase dialog', () => {
  // Opening the dialog warms the ~1 MB strength estimator in the background. Loaded from a
  // test, that import competed with whichever test was running and timed it out on a busy
  // machine; loaded once here, each test only measures the dialog.
  beforeAll(() => loadStrengthEstimator(), 60_000)
  beforeEach(() => fakeApi.reset())
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('is a labelled dialog with the right autocomplete hints', async () => {
    const wrapper = await openDialog()
    const element = dialog()!
    expect(document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Change passphrase')
    expect(control('Current passphrase').autocomplete).toBe('current-password')
    expect(control('New passphrase').autocomplete).toBe('new-password')
    expect(control('Confirm new passphrase').autocomplete).toBe('new-password')
    wrapper.unmount()
  })

  it('checks policy, difference and confirmation before calling main', async () => {
    const wrapper = await openDialog()
    await fill(CURRENT, 'short')
    await submitForm(control('New passphrase'))
    expect(descriptionOf(control('New passphrase'))).toContain('Passphrase must be at least 12 characters.')

    await fill(CURRENT, CURRENT)
    await submitForm(control('New passphrase'))
    expect(descriptionOf(control('New passphrase'))).toContain('Choose a passphrase different from the current one.')

    await fill(CURRENT, NEXT, `${NEXT}?`)
    await submitForm(control('New passphrase'))
    expect(descriptionOf(control('Confirm new passphrase'))).toContain('The passphrases do not match.')
    expect(fakeApi.calls('session.changePassphrase')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows a wrong current passphrase inline and clears every passphrase field', async () => {
    fakeApi.fail('session.changePassphrase', { code: 'WRONG_PASSPHRASE', message: 'The passphrase is not correct.' })
    const wrapper = await openDialog()
    await fill(CURRENT, NEXT)
    await submitForm(control('New passphrase'))
    expect(descriptionOf(control('Current passphrase'))).toBe('Wrong passphrase.')
    expect(document.activeElement).toBe(control('Current passphrase'))
    expect(control('Current passphrase').value).toBe('')
    expect(control('New passphrase').value).toBe('')
    expect(control('Confirm new passphrase').value).toBe('')
    expect(dialog()).not.toBeNull()
    wrapper.unmount()
  })

  it('counts down a THROTTLED wait on the current passphrase', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    fakeApi.fail('session.changePassphrase', { code: 'THROTTLED', message: 'Too many attempts.', retryAfterMs: 8_000 })
    const wrapper = await openDialog()
    await fill(CURRENT, NEXT)
    await submitForm(control('New passphrase'))
    expect(descriptionOf(control('Current passphrase'))).toBe('Too many wrong attempts. Try again in 8 seconds.')
    expect(buttonNamed('Change passphrase').disabled).toBe(true)
    await vi.advanceTimersByTimeAsync(8_500)
    expect(descriptionOf(control('Current passphrase'))).toBe('')
    expect(buttonNamed('Change passphrase').disabled).toBe(false)
    wrapper.unmount()
  })

  it('changes the passphrase, closes, and leaves nothing typed behind', async () => {
    const pending = deferred<IpcResponse<unknown>>()
    fakeApi.handle('session.changePassphrase', () => pending.promise)
    const wrapper = await openDialog()
    await fill(CURRENT, NEXT)
    await submitForm(control('New passphrase'))
    expect(buttonNamed('Change passphrase').getAttribute('aria-busy')).toBe('true')
    expect(fakeApi.calls('session.changePassphrase')[0]?.input).toEqual({ currentPassphrase: CURRENT, newPassphrase: NEXT })

    pending.resolve({ ok: true, value: null })
    await flushPromises()
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    await vi.waitFor(() => expect(dialog()).toBeNull())

    await wrapper.setProps({ open: true })
    await flushPromises()
    expect(control('Current passphrase').value).toBe('')
    expect(control('New passphrase').value).toBe('')
    wrapper.unmount()
  })

  it('closes on Escape', async () => {
    const wrapper = await openDialog()
    control('Current passphrase').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })
})

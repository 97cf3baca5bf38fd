import { deferred, fakeApi } from '../components/__tests__/fakePreloadApi'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { IpcResponse } from '@shared/errors'
import type { SessionInfo } from '@shared/ipc/contract'
import { buttonNamed, control, descriptionOf, submitForm, typeInto } from '../components/__tests__/dom'
import { mountView } from '../components/__tests__/mountView'
import { useSessionStore } from '../stores/session'
import SignInView from './SignInView.vue'

const accounts = [
  { id: 'a1', displayName: 'Ada Lovelace', email: 'ada@example.test' },
  { id: 'a2', displayName: 'Grace Hopper', email: 'grace@example.test' },
]
const graceSession: SessionInfo = {
  account: accounts[1]!,
  organization: { id: 'o1', name: 'Analytical Engines' },
  orgRole: 'member',
  projectRoles: [],
  permissions: { createProjects: false, manageMembers: false, manageOrganization: false, viewAudit: false },
}

function radios(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[role="radio"]')]
}

async function mountSignIn(extraRoutes: RouteRecordRaw[] = []) {
  const mounted = await mountView(SignInView, { path: '/sign-in', extraRoutes })
  useSessionStore().workspace = { organizationName: 'Analytical Engines' }
  await flushPromises()
  return mounted
}

describe('sign-in', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('accounts.listForSignIn', accounts)
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('lists the accounts as a radio group, first one chosen, and focuses the passphrase', async () => {
    const { wrapper } = await mountSignIn()
    expect(document.querySelectorAll('h1')).toHaveLength(1)
    const group = document.querySelector('[role="radiogroup"]')
    expect(group?.getAttribute('aria-labelledby')).toBe('sign-in-account-label')
    const nameOf = (radio: HTMLElement) => document.getElementById(radio.getAttribute('aria-labelledby') ?? '')?.textContent
    expect(radios().map(nameOf)).toEqual(['Ada Lovelace', 'Grace Hopper'])
    expect(radios().map((radio) => descriptionOf(radio))).toEqual(['ada@example.test', 'grace@example.test'])
    expect(radios()[0]?.getAttribute('aria-checked')).toBe('true')
    expect(document.activeElement).toBe(control('Passphrase'))
    expect(control('Passphrase').autocomplete).toBe('current-password')
    wrapper.unmount()
  })

  it('signs in the chosen account and goes home, leaving no passphrase behind', async () => {
    const pending = deferred<IpcResponse<unknown>>()
    fakeApi.handle('session.signIn', () => pending.promise)
    const { wrapper, router } = await mountSignIn()
    radios()[1]!.click()
    await flushPromises()
    await typeInto(control('Passphrase'), 'correct horse battery staple')
    await submitForm(control('Passphrase'))
    expect(buttonNamed('Sign in').getAttribute('aria-busy')).toBe('true')
    expect(fakeApi.calls('session.signIn')[0]?.input).toEqual({ accountId: 'a2', passphrase: 'correct horse battery staple' })

    pending.resolve({ ok: true, value: graceSession })
    await flushPromises()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('home'))
    expect(useSessionStore().account?.displayName).toBe('Grace Hopper')
    expect(control('Passphrase').value).toBe('')
    wrapper.unmount()
  })

  it('shows "Wrong passphrase." under the field, clears it and focuses it again', async () => {
    fakeApi.fail('session.signIn', { code: 'WRONG_PASSPHRASE', message: 'The passphrase is not correct.' })
    const { wrapper, router } = await mountSignIn()
    await typeInto(control('Passphrase'), 'not the passphrase')
    await submitForm(control('Passphrase'))
    expect(descriptionOf(control('Passphrase'))).toBe('Wrong passphrase.')
    expect(control('Passphrase').getAttribute('aria-invalid')).toBe('true')
    expect(control('Passphrase').value).toBe('')
    expect(document.activeElement).toBe(control('Passphrase'))
    expect(router.currentRoute.value.name).toBe('sign-in')

    await typeInto(control('Passphrase'), 'n')
    expect(descriptionOf(control('Passphrase'))).toBe('')
    wrapper.unmount()
  })

  it('counts the THROTTLED wait down, blocks the button meanwhile, and only for that account', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    fakeApi.fail('session.signIn', { code: 'THROTTLED', message: 'Too many attempts.', retryAfterMs: 65_000 })
    const { wrapper } = await mountSignIn()
    await typeInto(control('Passphrase'), 'guess guess guess')
    await submitForm(control('Passphrase'))

    expect(descriptionOf(control('Passphrase'))).toBe('Too many wrong attempts. Try again in 1 minute 5 seconds.')
    expect(buttonNamed('Sign in').disabled).toBe(true)

    await vi.advanceTimersByTimeAsync(20_000)
    expect(descriptionOf(control('Passphrase'))).toBe('Too many wrong attempts. Try again in 45 seconds.')

    // Another account is not throttled by this one's failures.
    radios()[1]!.click()
    await flushPromises()
    expect(buttonNamed('Sign in').disabled).toBe(false)
    expect(descriptionOf(control('Passphrase'))).toBe('')
    radios()[0]!.click()
    await flushPromises()
    expect(buttonNamed('Sign in').disabled).toBe(true)

    await vi.advanceTimersByTimeAsync(44_000)
    expect(descriptionOf(control('Passphrase'))).toBe('Too many wrong attempts. Try again in 1 second.')
    await vi.advanceTimersByTimeAsync(1_500)
    expect(descriptionOf(control('Passphrase'))).toBe('')
    expect(buttonNamed('Sign in').disabled).toBe(false)
    wrapper.unmount()
  })

  it('warns when Caps Lock is on while typing the passphrase', async () => {
    const { wrapper } = await mountSignIn()
    const input = control('Passphrase')
    // happy-dom does not model Caps Lock, so the event carries its own modifier state.
    const key = (type: string, capsLock: boolean) =>
      Object.defineProperty(new KeyboardEvent(type, { key: 'A', bubbles: true }), 'getModifierState', {
        value: (modifier: string) => modifier === 'CapsLock' && capsLock,
      })
    input.dispatchEvent(key('keydown', true))
    await flushPromises()
    expect(descriptionOf(input)).toBe('Caps Lock is on.')
    input.dispatchEvent(key('keyup', false))
    await flushPromises()
    expect(descriptionOf(input)).toBe('')
    wrapper.unmount()
  })

  it('asks for the passphrase before calling main', async () => {
    const { wrapper } = await mountSignIn()
    await submitForm(control('Passphrase'))
    expect(descriptionOf(control('Passphrase'))).toBe('Enter your passphrase.')
    expect(fakeApi.calls('session.signIn')).toHaveLength(0)
    wrapper.unmount()
  })

  it('offers the enrollment path only when the enrollment route exists', async () => {
    const first = await mountSignIn()
    expect(document.body.textContent).not.toContain('I have an enrollment code')
    first.wrapper.unmount()
    document.body.innerHTML = ''

    const Enroll = defineComponent({ render: () => h('p', 'enroll') })
    const second = await mountSignIn([{ path: '/enroll', name: 'enroll', component: Enroll }])
    const link = [...document.querySelectorAll('a')].find((a) => a.textContent === 'I have an enrollment code')
    expect(link?.getAttribute('href')).toBe('/enroll')
    second.wrapper.unmount()
  })

  it('says so when no account can sign in yet', async () => {
    fakeApi.reply('accounts.listForSignIn', [])
    const { wrapper } = await mountSignIn()
    expect(document.body.textContent).toContain('No account can sign in yet')
    expect(document.querySelector('form')).toBeNull()
    wrapper.unmount()
  })
})

import { fakeApi } from '../components/__tests__/fakePreloadApi'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SessionInfo } from '@shared/ipc/contract'
import App from '../App.vue'
import { createAppRouter } from '../router'
import { loadStrengthEstimator } from '../components/passphraseStrength'
import { endRendererSession } from '../sessionEnd'
import { useSessionStore } from '../stores/session'

vi.mock('../sessionEnd', () => ({ endRendererSession: vi.fn(), announceEndedSession: vi.fn() }))

const session: SessionInfo = {
  account: { id: 'a1', displayName: 'Ada Lovelace', email: 'ada@example.test' },
  organization: { id: 'o1', name: 'Analytical Engines' },
  orgRole: 'owner',
  projectRoles: [],
  permissions: { createProjects: true, manageMembers: true, manageOrganization: true, viewAudit: true },
}

async function mountSignedIn(signedIn: SessionInfo = session) {
  fakeApi.reply('app.status', { workspace: { organizationName: 'Analytical Engines' }, session: signedIn })
  fakeApi.reply('projects.list', [])
  fakeApi.reply('members.list', [])
  fakeApi.reply('accounts.listForSignIn', [session.account])
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter()
  await router.push('/')
  await router.isReady()
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [pinia, router] } })
  await flushPromises()
  await vi.dynamicImportSettled()
  await flushPromises()
  return { wrapper, router }
}

function accountTrigger(): HTMLButtonElement {
  const trigger = document.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')
  if (!trigger) throw new Error('No account menu trigger')
  return trigger
}

async function openMenu(): Promise<void> {
  accountTrigger().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
  await flushPromises()
}

function menuItem(name: string): HTMLElement {
  const item = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((element) => element.textContent?.trim() === name)
  if (!item) throw new Error(`No menu item ${name}`)
  return item
}

describe('signed-in shell', () => {
  // The change-passphrase dialog warms the ~1 MB strength estimator when it opens (see ChangePassphraseDialog.test.ts).
  beforeAll(() => loadStrengthEstimator(), 60_000)
  beforeEach(() => {
    fakeApi.reset()
    window.location.hash = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('has banner, navigation and main landmarks with the organization in the header', async () => {
    const { wrapper } = await mountSignedIn()
    const header = document.querySelector('header')
    expect(header?.textContent).toContain('Cluster Credentials')
    expect(header?.textContent).toContain('Analytical Engines')
    expect(document.querySelector('nav')?.getAttribute('aria-label')).toBe('Main')
    expect(document.querySelectorAll('nav li').length).toBeGreaterThan(0)
    expect(document.querySelectorAll('main')).toHaveLength(1)
    expect(accountTrigger().textContent).toContain('Ada Lovelace')
    wrapper.unmount()
  })

  it('opens the account menu from the keyboard with the account, change passphrase and sign out', async () => {
    const { wrapper } = await mountSignedIn()
    await openMenu()
    expect(accountTrigger().getAttribute('aria-expanded')).toBe('true')
    const menu = document.querySelector('[role="menu"]')
    expect(menu?.textContent).toContain('ada@example.test')
    expect(menu?.textContent).toContain('Organization Owner')
    expect(menuItem('Change passphrase')).toBeTruthy()
    expect(menuItem('Sign out')).toBeTruthy()
    wrapper.unmount()
  })

  it('opens the change-passphrase dialog from the menu', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const { wrapper } = await mountSignedIn()
    await openMenu()
    menuItem('Change passphrase').click()
    await vi.runAllTimersAsync()
    vi.useRealTimers()
    await flushPromises()
    const dialog = document.querySelector('[role="dialog"]')
    expect(dialog?.textContent).toContain('Current passphrase')
    wrapper.unmount()
  })

  it('signs out through main, then restarts the renderer', async () => {
    fakeApi.reply('session.signOut', null)
    const { wrapper } = await mountSignedIn()
    await openMenu()
    menuItem('Sign out').click()
    await flushPromises()
    await vi.waitFor(() => expect(endRendererSession).toHaveBeenCalledWith('signed-out'))
    expect(fakeApi.calls('session.signOut')).toHaveLength(1)
    expect(useSessionStore().isSignedIn).toBe(false)
    wrapper.unmount()
  })

  it('shows only the navigation entries main permits (Handoff is for every account)', async () => {
    const { wrapper } = await mountSignedIn({
      ...session,
      orgRole: 'member',
      permissions: { createProjects: false, manageMembers: true, manageOrganization: false, viewAudit: false },
    })
    expect([...document.querySelectorAll('nav a')].map((link) => link.textContent?.trim())).toEqual([
      'Projects',
      'Handoff',
      'Vault',
      'Members',
      'Settings',
    ])
    wrapper.unmount()
  })

  it('keeps Projects marked as current inside a project', async () => {
    fakeApi.reply('clusters.list', [])
    const { wrapper, router } = await mountSignedIn()
    await router.push({ name: 'project-clusters', params: { projectId: 'p1' } })
    await flushPromises()
    const current = () => [...document.querySelectorAll('nav a.is-active')].map((link) => link.textContent?.trim())
    expect(current()).toEqual(['Projects'])
    expect(document.querySelector('nav a.is-active')?.getAttribute('aria-current')).toBe('true')
    await router.push({ name: 'members' })
    await flushPromises()
    expect(current()).toEqual(['Members'])
    expect(document.querySelector('nav a.is-active')?.getAttribute('aria-current')).toBe('page')
    wrapper.unmount()
  })
})

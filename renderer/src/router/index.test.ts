import { fakeApi } from '../components/__tests__/fakePreloadApi'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SessionInfo } from '@shared/ipc/contract'
import { featureRoutes } from '../features/routes'
import { buildRoutes, createAppRouter } from './index'

const session: SessionInfo = {
  account: { id: 'a1', displayName: 'Ada Lovelace', email: 'ada@example.test' },
  organization: { id: 'o1', name: 'Analytical Engines' },
  orgRole: 'owner',
  projectRoles: [],
  permissions: { createProjects: true, manageMembers: true, manageOrganization: true, viewAudit: true },
}
const workspace = { organizationName: 'Analytical Engines' }

async function landingFor(path: string): Promise<string | undefined> {
  const router = createAppRouter()
  await router.push(path)
  await router.isReady()
  const area = router.currentRoute.value.meta.area
  return area === 'app' ? 'app' : String(router.currentRoute.value.name)
}

describe('router guard', () => {
  beforeEach(() => {
    fakeApi.reset()
    setActivePinia(createPinia())
    window.location.hash = ''
  })

  it('sends a fresh install to first-run setup, whatever was asked for', async () => {
    fakeApi.reply('app.status', { workspace: null, session: null })
    expect(await landingFor('/')).toBe('setup')
    expect(await landingFor('/sign-in')).toBe('setup')
  })

  it('sends a workspace without a session to sign-in, and keeps setup out of reach', async () => {
    fakeApi.reply('app.status', { workspace, session: null })
    expect(await landingFor('/')).toBe('sign-in')
    expect(await landingFor('/setup')).toBe('sign-in')
    expect(await landingFor('/sign-in')).toBe('sign-in')
  })

  it('lets a signed-in person into the shell and not back to setup or sign-in', async () => {
    fakeApi.reply('app.status', { workspace, session })
    expect(await landingFor('/')).toBe('app')
    expect(await landingFor('/setup')).toBe('app')
    expect(await landingFor('/sign-in')).toBe('app')
  })

  it('sends a signed-in person without main\'s permission for a screen home, whatever their roles say', async () => {
    const member: SessionInfo = {
      ...session,
      orgRole: 'member',
      projectRoles: [{ projectId: 'p1', projectName: 'Search', role: 'owner' }],
      permissions: { createProjects: false, manageMembers: false, manageOrganization: false, viewAudit: false },
    }
    fakeApi.reply('app.status', { workspace, session: member })
    const router = createAppRouter()
    for (const path of ['/audit', '/members']) {
      await router.push(path)
      expect(router.currentRoute.value.name).toBe('projects')
    }
  })

  it('lets someone with the permission in', async () => {
    fakeApi.reply('app.status', { workspace, session })
    const router = createAppRouter()
    await router.push('/audit')
    expect(router.currentRoute.value.name).toBe('audit')
  })

  it('shows the startup problem when main cannot open the workspace', async () => {
    fakeApi.fail('app.status', { code: 'STORAGE_UNAVAILABLE', message: 'The data folder is not writable.' })
    expect(await landingFor('/')).toBe('startup-problem')
  })

  it('asks main for the status once, not on every navigation', async () => {
    fakeApi.reply('app.status', { workspace, session })
    const router = createAppRouter()
    await router.push('/')
    await router.push('/setup')
    expect(fakeApi.calls('app.status')).toHaveLength(1)
  })

  it('lifts public feature routes out of the shell so they work signed out', async () => {
    const publicNames = featureRoutes.filter((route) => route.meta?.public).map((route) => route.name)
    const routes = buildRoutes()
    const topLevel = routes.map((route) => route.name).filter(Boolean)
    const shell = routes.find((route) => route.meta?.area === 'app')
    for (const name of publicNames) {
      expect(topLevel).toContain(name)
      expect(shell?.children?.map((child) => child.name)).not.toContain(name)
    }
    if (publicNames.includes('enroll')) {
      fakeApi.reply('app.status', { workspace, session: null })
      expect(await landingFor('/enroll')).toBe('enroll')
    }
  })
})

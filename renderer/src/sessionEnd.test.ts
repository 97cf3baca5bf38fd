import { fakeApi } from './components/__tests__/fakePreloadApi'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useToasts } from './components/toast'
import { createAppRouter } from './router'
import { announceEndedSession, endRendererSession } from './sessionEnd'

describe('end of a renderer session', () => {
  beforeEach(() => {
    fakeApi.reset()
    setActivePinia(createPinia())
    fakeApi.reply('app.status', { workspace: { organizationName: 'Analytical Engines' }, session: null })
  })
  afterEach(() => vi.restoreAllMocks())

  it('replaces the current history entry with sign-in and reloads', () => {
    window.location.hash = '#/audit'
    const reload = vi.spyOn(window.location, 'reload').mockImplementation(() => undefined)
    const entries = window.history.length
    endRendererSession('signed-out')
    expect(window.location.hash).toBe('#/sign-in?ended=signed-out')
    expect(window.history.length).toBe(entries)
    expect(reload).toHaveBeenCalledOnce()
  })

  it('after the reload, says why and drops the reason from the URL', async () => {
    const info = vi.spyOn(useToasts(), 'info')
    window.location.hash = '#/sign-in?ended=session-ended'
    const router = createAppRouter()
    await router.push('/sign-in?ended=session-ended')
    await announceEndedSession(router)
    expect(info).toHaveBeenCalledWith('Signed out', 'Your session ended. Sign in again to continue.')
    expect(router.currentRoute.value.name).toBe('sign-in')
    expect(router.currentRoute.value.query).toEqual({})
  })

  it('ignores an unknown reason without a toast', async () => {
    const info = vi.spyOn(useToasts(), 'info')
    const router = createAppRouter()
    await router.push('/sign-in?ended=<b>hi</b>')
    await announceEndedSession(router)
    expect(info).not.toHaveBeenCalled()
    expect(router.currentRoute.value.query).toEqual({})
  })
})

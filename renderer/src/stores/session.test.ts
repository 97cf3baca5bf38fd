import { fakeApi } from '../components/__tests__/fakePreloadApi'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SessionInfo } from '@shared/ipc/contract'
import { useToasts } from '../components/toast'
import { endRendererSession } from '../sessionEnd'
import { useSessionStore } from './session'

// Reloading is the browser's job; here it is enough to know the store asked for it.
vi.mock('../sessionEnd', () => ({ endRendererSession: vi.fn() }))
const endSession = vi.mocked(endRendererSession)

const ada = { id: 'a1', displayName: 'Ada Lovelace', email: 'ada@example.test' }
const memberSession: SessionInfo = {
  account: ada,
  organization: { id: 'o1', name: 'Analytical Engines' },
  orgRole: 'member',
  projectRoles: [{ projectId: 'p1', projectName: 'Search', role: 'read_write' }],
  permissions: { createProjects: false, manageMembers: false, manageOrganization: false, viewAudit: false },
}
const OWNER_PERMISSIONS = { createProjects: true, manageMembers: true, manageOrganization: true, viewAudit: true }

describe('session store', () => {
  beforeEach(() => {
    fakeApi.reset()
    setActivePinia(createPinia())
    endSession.mockClear()
  })
  afterEach(() => vi.restoreAllMocks())

  it('starts unknown and learns from app.status that there is no workspace yet', async () => {
    fakeApi.reply('app.status', { workspace: null, session: null })
    const store = useSessionStore()
    expect(store.loaded).toBe(false)
    await store.refresh()
    expect(store.loaded).toBe(true)
    expect(store.hasWorkspace).toBe(false)
    expect(store.isSignedIn).toBe(false)
    expect(store.startupProblem).toBeNull()
  })

  it('mirrors an existing session with its roles', async () => {
    fakeApi.reply('app.status', { workspace: { organizationName: 'Analytical Engines' }, session: memberSession })
    const store = useSessionStore()
    await store.refresh()
    expect(store.isSignedIn).toBe(true)
    expect(store.organizationName).toBe('Analytical Engines')
    expect(store.account).toEqual(ada)
    expect(store.orgRole).toBe('member')
    expect(store.permissions).toEqual(memberSession.permissions)
  })

  it('takes permissions from main as they are, whatever the roles say, and has none signed out', async () => {
    const store = useSessionStore()
    expect(store.permissions).toEqual({ createProjects: false, manageMembers: false, manageOrganization: false, viewAudit: false })
    // Main is the authority: a session whose roles would suggest more gets exactly what main sent.
    store.adoptSession({ ...memberSession, orgRole: 'owner', permissions: { ...memberSession.permissions, viewAudit: true } })
    expect(store.permissions).toEqual({ createProjects: false, manageMembers: false, manageOrganization: false, viewAudit: true })
  })

  it('records a startup problem (e.g. a newer database) instead of guessing a state', async () => {
    fakeApi.fail('app.status', { code: 'SCHEMA_TOO_NEW', message: 'Database version 9 is newer than this app (1).' })
    const store = useSessionStore()
    await store.refresh()
    expect(store.loaded).toBe(true)
    expect(store.startupProblem).toEqual({ code: 'SCHEMA_TOO_NEW', message: 'Database version 9 is newer than this app (1).' })
    expect(store.hasWorkspace).toBe(false)
  })

  it('creates the workspace and is signed in as its owner', async () => {
    fakeApi.reply('workspace.create', (input) => ({
      account: { id: 'a1', displayName: input.displayName, email: input.email },
      organization: { id: 'o1', name: input.organizationName },
      orgRole: 'owner',
      projectRoles: [],
      permissions: OWNER_PERMISSIONS,
    }))
    const store = useSessionStore()
    await store.createWorkspace({
      organizationName: 'Analytical Engines',
      displayName: 'Ada Lovelace',
      email: 'ada@example.test',
      passphrase: 'correct horse battery staple',
    })
    expect(store.isSignedIn).toBe(true)
    expect(store.permissions).toEqual(OWNER_PERMISSIONS)
    expect(store.workspace).toEqual({ organizationName: 'Analytical Engines' })
    expect(fakeApi.calls('workspace.create')[0]?.input).toEqual({
      organizationName: 'Analytical Engines',
      displayName: 'Ada Lovelace',
      email: 'ada@example.test',
      passphrase: 'correct horse battery staple',
    })
  })

  it('signs in, and a failed sign-in leaves it signed out with the typed error', async () => {
    const store = useSessionStore()
    fakeApi.fail('session.signIn', { code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase.' })
    await expect(store.signIn('a1', 'nope nope nope')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    expect(store.isSignedIn).toBe(false)

    fakeApi.reply('session.signIn', memberSession)
    await store.signIn('a1', 'correct horse battery staple')
    expect(store.session).toEqual(memberSession)
    expect(fakeApi.calls('session.signIn').at(-1)?.input).toEqual({ accountId: 'a1', passphrase: 'correct horse battery staple' })
  })

  it('signs out, also when main had already ended the session, and restarts the renderer', async () => {
    const store = useSessionStore()
    store.adoptSession(memberSession)
    fakeApi.reply('session.signOut', null)
    await store.signOut()
    expect(store.isSignedIn).toBe(false)
    expect(endSession).toHaveBeenLastCalledWith('signed-out')

    store.adoptSession(memberSession)
    fakeApi.fail('session.signOut', { code: 'UNAUTHENTICATED', message: 'Sign in first.' })
    await store.signOut()
    expect(store.isSignedIn).toBe(false)
    expect(endSession).toHaveBeenCalledTimes(2)
  })

  it('restarts the renderer when main ended the session', () => {
    const store = useSessionStore()
    store.adoptSession(memberSession)
    store.sessionEnded()
    expect(store.isSignedIn).toBe(false)
    expect(endSession).toHaveBeenCalledWith('session-ended')
  })

  it('dismisses the last session\'s toasts when someone signs in', () => {
    const dismiss = vi.spyOn(useToasts(), 'dismiss')
    useSessionStore().adoptSession(memberSession)
    expect(dismiss).toHaveBeenCalledWith()
  })

  it('keeps the session when sign-out fails for another reason', async () => {
    const store = useSessionStore()
    store.adoptSession(memberSession)
    fakeApi.fail('session.signOut', { code: 'INTERNAL', message: 'Unexpected error.' })
    await expect(store.signOut()).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(store.isSignedIn).toBe(true)
    expect(endSession).not.toHaveBeenCalled()
  })

  it('passes a passphrase change through to main and keeps nothing of it', async () => {
    const store = useSessionStore()
    store.adoptSession(memberSession)
    fakeApi.reply('session.changePassphrase', null)
    await store.changePassphrase('old passphrase!', 'new passphrase!!')
    expect(fakeApi.calls('session.changePassphrase')[0]?.input).toEqual({
      currentPassphrase: 'old passphrase!',
      newPassphrase: 'new passphrase!!',
    })
    expect(JSON.stringify(store.$state)).not.toContain('passphrase!')
  })
})

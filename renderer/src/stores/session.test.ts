import { fakeApi } from '../components/__tests__/fakePreloadApi'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SessionInfo } from '@shared/ipc/contract'
import { useSessionStore } from './session'

const ada = { id: 'a1', displayName: 'Ada Lovelace', email: 'ada@example.test' }
const memberSession: SessionInfo = {
  account: ada,
  organization: { id: 'o1', name: 'Analytical Engines' },
  orgRole: 'member',
  projectRoles: [{ projectId: 'p1', projectName: 'Search', role: 'read_write' }],
}

describe('session store', () => {
  beforeEach(() => {
    fakeApi.reset()
    setActivePinia(createPinia())
  })

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
    expect(store.isOrgOwner).toBe(false)
    expect(store.projectRole('p1')).toBe('read_write')
    expect(store.projectRole('p2')).toBeNull()
  })

  it('treats an organization owner as owner of every project', async () => {
    fakeApi.reply('app.status', {
      workspace: { organizationName: 'Analytical Engines' },
      session: { ...memberSession, orgRole: 'owner', projectRoles: [] },
    })
    const store = useSessionStore()
    await store.refresh()
    expect(store.projectRole('anything')).toBe('owner')
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
    }))
    const store = useSessionStore()
    await store.createWorkspace({
      organizationName: 'Analytical Engines',
      displayName: 'Ada Lovelace',
      email: 'ada@example.test',
      passphrase: 'correct horse battery staple',
    })
    expect(store.isSignedIn).toBe(true)
    expect(store.isOrgOwner).toBe(true)
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

  it('signs out, also when main had already ended the session', async () => {
    const store = useSessionStore()
    store.adoptSession(memberSession)
    fakeApi.reply('session.signOut', null)
    await store.signOut()
    expect(store.isSignedIn).toBe(false)

    store.adoptSession(memberSession)
    fakeApi.fail('session.signOut', { code: 'UNAUTHENTICATED', message: 'Sign in first.' })
    await store.signOut()
    expect(store.isSignedIn).toBe(false)
  })

  it('keeps the session when sign-out fails for another reason', async () => {
    const store = useSessionStore()
    store.adoptSession(memberSession)
    fakeApi.fail('session.signOut', { code: 'INTERNAL', message: 'Unexpected error.' })
    await expect(store.signOut()).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(store.isSignedIn).toBe(true)
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

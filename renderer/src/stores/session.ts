/**
 * What the renderer knows about the workspace and the signed-in account. Main owns the session
 * and the account key; this store only mirrors the account's id, name, role and the permissions
 * main computed (it never derives them from roles). Passphrases pass straight through to main
 * and are never kept here. When the session ends the whole renderer reloads (sessionEnd.ts), so
 * this store, like every other, starts empty for the next person.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AccountSummary, SessionInfo, SessionPermissions } from '@shared/ipc/contract'
import { api, isApiError } from '../api'
import { useToasts } from '../components/toast'
import { endRendererSession } from '../sessionEnd'

const NO_PERMISSIONS: SessionPermissions = Object.freeze({
  createProjects: false,
  manageMembers: false,
  manageOrganization: false,
  viewAudit: false,
})

export interface WorkspaceInfo {
  organizationName: string
}

/** A startup failure that leaves the app unusable (unwritable data dir, newer database, …). */
export interface StartupProblem {
  code: string
  message: string
}

export interface NewWorkspace {
  organizationName: string
  displayName: string
  email: string
  passphrase: string
}

export const useSessionStore = defineStore('session', () => {
  const loaded = ref(false)
  const workspace = ref<WorkspaceInfo | null>(null)
  const session = ref<SessionInfo | null>(null)
  const startupProblem = ref<StartupProblem | null>(null)

  const hasWorkspace = computed(() => workspace.value !== null)
  const isSignedIn = computed(() => session.value !== null)
  const account = computed(() => session.value?.account ?? null)
  const organizationName = computed(
    () => session.value?.organization.name ?? workspace.value?.organizationName ?? null,
  )
  const orgRole = computed(() => session.value?.orgRole ?? null)
  /** What main says this person may do (none when signed out); main re-checks every call. */
  const permissions = computed<SessionPermissions>(() => session.value?.permissions ?? NO_PERMISSIONS)

  /** Asks main where we are. Called once at start by the router, and after anything that may have changed it. */
  async function refresh(): Promise<void> {
    try {
      const status = await api['app.status']({})
      workspace.value = status.workspace
      session.value = status.session
      startupProblem.value = null
    } catch (error) {
      workspace.value = null
      session.value = null
      startupProblem.value = isApiError(error)
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: 'The app could not reach its data. Restart it; if that does not help, see the log.' }
    } finally {
      loaded.value = true
    }
  }

  /** Use the session returned by a public channel that signs in (workspace.create, session.signIn, enrollment.redeem). */
  function adoptSession(info: SessionInfo): void {
    session.value = info
    workspace.value = { organizationName: info.organization.name }
    // A toast belongs to the session it was raised in ("Signed out" is the last one's news).
    useToasts().dismiss()
  }

  async function createWorkspace(input: NewWorkspace): Promise<void> {
    adoptSession(await api['workspace.create'](input))
  }

  async function listAccounts(): Promise<AccountSummary[]> {
    return api['accounts.listForSignIn']({})
  }

  async function signIn(accountId: string, passphrase: string): Promise<void> {
    adoptSession(await api['session.signIn']({ accountId, passphrase }))
  }

  /** Signs out in main, then reloads the renderer so nothing of this session remains. */
  async function signOut(): Promise<void> {
    try {
      await api['session.signOut']({})
    } catch (error) {
      // Already signed out in main (e.g. after a restart): the renderer state is what is stale.
      if (!isApiError(error) || error.code !== 'UNAUTHENTICATED') throw error
    }
    session.value = null
    endRendererSession('signed-out')
  }

  async function changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    await api['session.changePassphrase']({ currentPassphrase, newPassphrase })
  }

  /** Main answered UNAUTHENTICATED: its session ended, so ours did too. */
  function sessionEnded(): void {
    session.value = null
    endRendererSession('session-ended')
  }

  return {
    loaded,
    workspace,
    session,
    startupProblem,
    hasWorkspace,
    isSignedIn,
    account,
    organizationName,
    orgRole,
    permissions,
    refresh,
    adoptSession,
    createWorkspace,
    listAccounts,
    signIn,
    signOut,
    changePassphrase,
    sessionEnded,
  }
})

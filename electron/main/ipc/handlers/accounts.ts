/** Workspace, sign-in and session channels. Thin: every rule lives in core's AccountService. */
import type { HandlerTable } from '../types'

type AccountChannels =
  'app.status' | 'workspace.create' | 'accounts.listForSignIn' | 'session.signIn' | 'session.signOut' | 'session.changePassphrase'

export const accountHandlers = {
  'app.status': (_input, { core }) => core.accounts.status(),
  'workspace.create': (input, { core }) => core.accounts.createWorkspace(input),
  'accounts.listForSignIn': (_input, { core }) => core.accounts.listForSignIn(),
  'session.signIn': (input, { core }) => core.accounts.signIn(input.accountId, input.passphrase),
  'session.signOut': (_input, { core }) => {
    core.accounts.signOut()
    return null
  },
  'session.changePassphrase': async (input, { core, actor }) => {
    await core.accounts.changePassphrase(actor, input.currentPassphrase, input.newPassphrase)
    return null
  },
} satisfies Pick<HandlerTable, AccountChannels>

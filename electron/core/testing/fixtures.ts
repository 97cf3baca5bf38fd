/** Ready-made workspaces for service tests. Passphrases here are test data, not secrets. */
import type { SessionInfo } from '@shared/ipc/contract'
import { AccountService } from '../accounts/accountService'
import type { TestDeps } from './testDeps'

export const OWNER_PASSPHRASE = 'correct horse battery staple'

export const OWNER = {
  organizationName: 'Acme Vector Ops',
  displayName: 'Ada Owner',
  email: 'ada@acme.example',
} as const

/** Creates the workspace with its first account (an Organization Owner), signed in. */
export async function createOwnerWorkspace(env: TestDeps): Promise<{ accounts: AccountService; owner: SessionInfo }> {
  const accounts = new AccountService(env.deps)
  const owner = await accounts.createWorkspace({ ...OWNER, passphrase: OWNER_PASSPHRASE })
  return { accounts, owner }
}

/**
 * Inserts a pending account as enrollment would, without going through MemberService,
 * so account tests do not depend on it. Returns the new account id.
 */
export function insertPendingAccount(
  env: TestDeps,
  account: { id: string; displayName: string; email: string; orgRole?: 'owner' | 'member' },
): string {
  env.deps.db
    .prepare(
      `INSERT INTO accounts (id, display_name, email, org_role, status, created_at, created_by)
       VALUES (?, ?, ?, ?, 'pending', ?, NULL)`,
    )
    .run(account.id, account.displayName, account.email, account.orgRole ?? 'member', env.clock())
  return account.id
}

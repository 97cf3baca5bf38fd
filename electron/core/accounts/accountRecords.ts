/** Read queries over organization, accounts and project roles, shaped for the IPC contract. */
import type BetterSqlite3 from 'better-sqlite3'
import type { OrgRole, ProjectRole } from '@shared/domain'
import type { AccountSummary, SessionInfo } from '@shared/ipc/contract'

export interface OrganizationRecord {
  id: string
  name: string
}

export interface AccountRecord {
  id: string
  displayName: string
  email: string
  orgRole: OrgRole
  status: 'active' | 'pending'
}

export function findOrganization(db: BetterSqlite3.Database): OrganizationRecord | null {
  const row = db.prepare('SELECT id, name FROM organization ORDER BY created_at LIMIT 1').get() as OrganizationRecord | undefined
  return row ?? null
}

export function findAccount(db: BetterSqlite3.Database, accountId: string): AccountRecord | null {
  const row = db
    .prepare(
      `SELECT id, display_name AS displayName, email, org_role AS orgRole, status
       FROM accounts WHERE id = ?`,
    )
    .get(accountId) as AccountRecord | undefined
  return row ?? null
}

export function listActiveAccounts(db: BetterSqlite3.Database): AccountSummary[] {
  return db
    .prepare(
      `SELECT id, display_name AS displayName, email FROM accounts
       WHERE status = 'active' ORDER BY display_name COLLATE NOCASE, id`,
    )
    .all() as AccountSummary[]
}

export function listProjectRoles(db: BetterSqlite3.Database, accountId: string): SessionInfo['projectRoles'] {
  return db
    .prepare(
      `SELECT p.id AS projectId, p.name AS projectName, pm.role AS role
       FROM project_members pm JOIN projects p ON p.id = pm.project_id
       WHERE pm.account_id = ? ORDER BY p.name COLLATE NOCASE, p.id`,
    )
    .all(accountId) as { projectId: string; projectName: string; role: ProjectRole }[]
}

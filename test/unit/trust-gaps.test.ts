/**
 * Issue 6's trust gaps, driven through main's real dispatcher as a hostile renderer would:
 * raw IPC calls with crafted payloads, by members trying to reach beyond their role.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Member, Project, SessionInfo } from '@shared/ipc/contract'
import { handlers } from '../../electron/main/ipc/handlers'
import type { HandlerTable } from '../../electron/main/ipc/types'
import { OWNER, OWNER_PASSPHRASE } from '../../electron/core/testing/fixtures'
import {
  auditRows,
  createWorkspace,
  MEMBER_PASSPHRASE,
  snapshotTables,
  startHarness,
  type IpcHarness,
} from './support/ipcHarness'

let harness: IpcHarness
afterEach(() => harness?.cleanup())

interface Invitation {
  member: Member
  enrollment: { code: string }
}

async function invite(email: string, orgRole: 'owner' | 'member', projectRoles: Array<{ projectId: string; role: string }>) {
  return harness.value<Invitation>('members.add', { displayName: email.split('@')[0], email, orgRole, projectRoles })
}

/** The owner's workspace with project Orders and Pia, its Project Owner, enrolled and signed in. */
async function signedInProjectOwner(): Promise<{ owner: SessionInfo; pia: SessionInfo; orders: Project }> {
  const owner = await createWorkspace(harness)
  const orders = await harness.value<Project>('projects.create', { name: 'Orders' })
  const invitation = await invite('pia@acme.example', 'member', [{ projectId: orders.id, role: 'owner' }])
  const pia = await harness.value<SessionInfo>('enrollment.redeem', {
    email: 'pia@acme.example',
    code: invitation.enrollment.code,
    passphrase: MEMBER_PASSPHRASE,
  })
  return { owner, pia, orders }
}

describe('ill-formed text is refused at the boundary and a change without an answer is never committed (item 2)', () => {
  it('enrollment.redeem with a lone surrogate in the email: INVALID_INPUT, nothing written, the audit chain intact', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    const before = { tables: snapshotTables(harness), audit: auditRows(harness) }

    const error = await harness.errorOf('enrollment.redeem', { email: 'x\uD800@acme.example', code: 'ABCD-EFGH-JKLM-NPQR', passphrase: MEMBER_PASSPHRASE })
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'email', message: expect.stringMatching(/unpaired surrogate/) })

    expect(snapshotTables(harness)).toBe(before.tables)
    expect(auditRows(harness)).toEqual(before.audit)
    await harness.value('session.signIn', { accountId: (await harness.value<Array<{ id: string }>>('accounts.listForSignIn', {}))[0]!.id, passphrase: OWNER_PASSPHRASE })
    expect(await harness.value('audit.verify', {})).toMatchObject({ ok: true, firstBrokenRowId: null })
  })

  it('a Project Owner adding a member whose email is 90 lone surrogates: INVALID_INPUT, no account, members.list still works', async () => {
    harness = await startHarness()
    const { orders } = await signedInProjectOwner()
    const before = { tables: snapshotTables(harness), audit: auditRows(harness) }

    const error = await harness.errorOf('members.add', {
      displayName: 'Mallory',
      email: `${'\uD800'.repeat(90)}@acme.example`,
      orgRole: 'member',
      projectRoles: [{ projectId: orders.id, role: 'read_only' }],
    })
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'email' })

    expect(snapshotTables(harness)).toBe(before.tables)
    expect(auditRows(harness)).toEqual(before.audit)
    const members = await harness.value<Member[]>('members.list', {})
    expect(members.map((member) => member.email).sort()).toEqual([OWNER.email, 'pia@acme.example'])
  })

  it('a handler whose answer fails the output schema leaves the database unchanged (INTERNAL, rolled back)', async () => {
    const broken: HandlerTable = {
      ...handlers,
      // The project is created, then the answer cannot be produced (a negative count).
      'projects.create': (input, context) => ({ ...handlers['projects.create'](input, context), clusterCount: -1 }),
    }
    harness = await startHarness({ handlers: broken })
    await createWorkspace(harness)
    const before = { tables: snapshotTables(harness), audit: auditRows(harness) }

    expect(await harness.errorOf('projects.create', { name: 'Orders' })).toMatchObject({ code: 'INTERNAL' })

    expect(snapshotTables(harness)).toBe(before.tables)
    expect(auditRows(harness)).toEqual(before.audit)
    expect(await harness.value('projects.list', {})).toEqual([])
    // The next request is not affected: the transaction was rolled back, not left open.
    expect(await harness.value<Project[]>('clusters.list', {})).toEqual([])
  })

  it('a typed refusal still commits its audit row (the refused change itself rolls back)', async () => {
    harness = await startHarness()
    await createWorkspace(harness)
    await harness.value('projects.create', { name: 'Orders' })
    const before = snapshotTables(harness)

    expect(await harness.errorOf('projects.create', { name: 'orders' })).toMatchObject({ code: 'ALREADY_EXISTS' })

    expect(snapshotTables(harness)).toBe(before)
    expect(auditRows(harness).at(-1)).toMatchObject({ action: 'project.create', outcome: 'denied', error_code: 'ALREADY_EXISTS' })
  })
})

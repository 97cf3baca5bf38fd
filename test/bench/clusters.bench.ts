/**
 * Cluster credential costs with production settings:
 * - create-user latency: add a cluster user with a generated password (Argon2id hash at
 *   PRODUCTION_PASSWORD_HASHING, libsodium INTERACTIVE) and open its reveal ticket to get
 *   the plaintext, i.e. from the click to the password on screen minus rendering;
 * - audit chain verification over 100,000 rows (streamed, BLAKE2b per row);
 * - one filtered page of the audit list over the same rows (served by an index).
 */
import { afterAll, beforeAll, bench, describe } from 'vitest'
import type { CoreDeps } from '../../electron/core/coreDeps'
import type { Actor } from '../../electron/core/session'
import { PRODUCTION_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { ClusterService } from '../../electron/core/clusters/clusterService'
import { ClusterUserService } from '../../electron/core/clusters/clusterUserService'
import { ProjectService } from '../../electron/core/projects/projectService'
import { RevealService } from '../../electron/core/reveal/revealService'
import type { AuditLog } from '../../electron/core/audit/auditLog'
import { createTestDeps, type TestDeps } from '../../electron/core/testing/testDeps'
import { createOwnerWorkspace } from '../../electron/core/testing/fixtures'

const AUDIT_ROWS = 100_000

// Hooks sit at the top level: vitest's bench mode does not run describe-level beforeAll before benches.
let userEnv: TestDeps
let actor: Actor
let clusterUsers: ClusterUserService
let reveals: RevealService
let clusterId: string
let counter = 0

let auditEnv: TestDeps
let audit: AuditLog
let auditor: Actor
/** AUDIT_ROWS plus the rows the owner's workspace creation wrote. */
let auditRowCount = 0

beforeAll(async () => {
  userEnv = await createTestDeps()
  const { owner } = await createOwnerWorkspace(userEnv)
  actor = { accountId: owner.account.id, displayName: owner.account.displayName }
  const deps: CoreDeps = { ...userEnv.deps, passwordHashing: PRODUCTION_PASSWORD_HASHING }
  reveals = new RevealService(deps)
  clusterUsers = new ClusterUserService(deps, reveals)
  const project = new ProjectService(deps).create(actor, { name: 'Bench' })
  const { cluster, reveal } = new ClusterService(deps, reveals).create(actor, {
    projectId: project.id,
    name: 'bench-cluster',
    endpoint: 'https://in01-bench.example:19530',
    dbAdminPassword: { mode: 'generate' },
  })
  reveals.dismiss(actor, reveal.ticketId)
  clusterId = cluster.id

  auditEnv = await createTestDeps()
  audit = auditEnv.deps.audit
  // list() is for Organization Owners, so the rows are written in an owner's name.
  const { owner: auditOwner } = await createOwnerWorkspace(auditEnv)
  auditor = { accountId: auditOwner.account.id, displayName: auditOwner.account.displayName }
  auditRowCount = AUDIT_ROWS + auditEnv.deps.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log').get()!.n
  const started = performance.now()
  auditEnv.deps.db.transaction(() => {
    for (let index = 0; index < AUDIT_ROWS; index++) {
      audit.record({
        actor: auditor,
        // One row in a thousand is a rare action, for the filtered-list bench below.
        action: index % 1_000 ? 'clusterUser.add' : 'member.remove',
        target: `cluster user user_${index} on bench-cluster`,
        clusterId: 'cls_bench',
        outcome: index % 10 ? 'allowed' : 'denied',
        errorCode: index % 10 ? null : 'FORBIDDEN',
      })
    }
  })()
  process.stdout.write(`appended ${AUDIT_ROWS} audit rows in one transaction: ${Math.round(performance.now() - started)} ms\n`)
}, 180_000)

afterAll(() => {
  userEnv.cleanup()
  auditEnv.cleanup()
})

describe('cluster users (production password hashing)', () => {
  bench(
    'add user (generated password) → reveal.open plaintext',
    () => {
      const username = `bench_user_${counter++}`
      const { reveal } = clusterUsers.add(actor, { clusterId, username, role: 'read_only', password: { mode: 'generate' } })
      const { password } = reveals.open(actor, reveal.ticketId)
      if (password.length !== 20) throw new Error('unexpected password length')
    },
    // 22 users in all: well under the 100-user limit of the one cluster.
    { iterations: 20, time: 0, warmupIterations: 2, warmupTime: 0 },
  )
})

describe(`audit log (${AUDIT_ROWS.toLocaleString('en')} rows)`, () => {
  // The list as the Audit page asks for it: one page, newest first, filtered. A rare action
  // (0.1 % of rows) is where a missing index would walk the whole log to fill the page.
  for (const [name, filter] of [
    ['denied rows (10 %)', { outcome: 'denied' }],
    ['a rare action (0.1 %)', { action: 'member.remove' }],
  ] as const) {
    bench(
      `list one page of 50: ${name}`,
      () => {
        const { rows } = audit.list(auditor, filter, 50)
        if (rows.length !== 50) throw new Error('unexpected page size')
      },
      { iterations: 50, time: 0, warmupIterations: 5, warmupTime: 0 },
    )
  }

  bench(
    'verify chain',
    () => {
      const result = audit.verifyChain()
      if (!result.ok || result.checkedRows !== auditRowCount) throw new Error('chain did not verify')
    },
    { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 },
  )
})

/**
 * Runs the recipe documented in docs/audit-csv.md, exactly as written there, against a
 * real export: what the documentation promises is what the export delivers.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { createOwnerWorkspace } from '../testing/fixtures'
import type { Actor } from '../session'
import { formatReceipt } from './receipt'

const python = spawnSync('python3', ['--version']).status === 0
const recipe = /```python\n([\s\S]*?)```/.exec(readFileSync(join(import.meta.dirname, '../../../docs/audit-csv.md'), 'utf8'))![1]!

describe.skipIf(!python)('the documented CSV recipe (python3)', () => {
  let env: TestDeps
  let owner: Actor
  beforeEach(async () => {
    env = await createTestDeps()
    const { owner: session } = await createOwnerWorkspace(env)
    owner = { accountId: session.account.id, displayName: session.account.displayName }
    writeFileSync(join(env.dataDir, 'verify_audit_csv.py'), recipe)
  })
  afterEach(() => env.cleanup())

  const run = (csv: string, ...args: string[]) => {
    writeFileSync(join(env.dataDir, 'audit-log.csv'), csv)
    return spawnSync('python3', [join(env.dataDir, 'verify_audit_csv.py'), join(env.dataDir, 'audit-log.csv'), ...args], { encoding: 'utf8' })
  }

  const awkwardTargets = ['=HYPERLINK("http://evil","x")', "'already quoted", '-1', '@SUM(A1)', '\ttabbed', 'line\r\nbreak, "quoted"',
    'ünïcödé 😀', 'lone \uD800 surrogate', '', 'plain']

  it('verifies a full export and prints the receipt the app gives for its last row', () => {
    for (const [index, target] of awkwardTargets.entries()) {
      env.deps.audit.record({ actor: index % 3 ? owner : null, action: 'clusterUser.add', target, clusterId: index % 2 ? 'cls_a' : null,
        outcome: index % 4 ? 'allowed' : 'denied', errorCode: index % 4 ? null : 'FORBIDDEN' })
    }
    const csv = env.deps.audit.exportCsv(owner, {})
    const last = env.deps.db.prepare("SELECT id, row_hash FROM audit_log WHERE action <> 'audit.export' ORDER BY id DESC LIMIT 1").get() as { id: number; row_hash: Buffer }
    const result = run(csv)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout.trim()).toBe(`${awkwardTargets.length + 1} rows verified; receipt for row ${last.id}: ${formatReceipt(last.id, last.row_hash)}`)
  })

  it('names an edited row, a removed row, and accepts a filtered export only with --filtered', () => {
    for (let index = 0; index < 6; index++) env.deps.audit.record({ actor: owner, action: index % 2 ? 'member.add' : 'clusterUser.add', target: `t${index}`, outcome: 'allowed' })
    const csv = env.deps.audit.exportCsv(owner, {})
    expect(run(csv.replace(',t3,', ',t4,')).stderr).toContain('row 5: row_hash does not match the row')
    const lines = csv.split('\r\n')
    expect(run([...lines.slice(0, 3), ...lines.slice(4)].join('\r\n')).stderr).toContain('row 3: missing')
    const filtered = env.deps.audit.exportCsv(owner, { action: 'member.add' })
    expect(run(filtered).status).not.toBe(0)
    expect(run(filtered, '--filtered')).toMatchObject({ status: 0, stderr: '' })
  })
})

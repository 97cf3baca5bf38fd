import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { createOwnerWorkspace } from '../testing/fixtures'
import type { Actor } from '../session'
import { csvCell } from './csv'
import { listQuery } from './auditLog'
import { contract } from '@shared/ipc/contract'
import { wellFormedText, type ChainedFields } from './canonical'

describe('audit log', () => {
  let env: TestDeps
  let owner: Actor
  beforeEach(async () => {
    env = await createTestDeps()
    const { owner: session } = await createOwnerWorkspace(env)
    owner = { accountId: session.account.id, displayName: session.account.displayName }
  })
  afterEach(() => env.cleanup())

  const append = (count: number) => {
    for (let index = 0; index < count; index++) {
      env.deps.audit.record({ actor: owner, action: index % 2 ? 'clusterUser.add' : 'clusterUser.drop', target: `cluster user u${index}`,
        clusterId: index % 3 ? 'cls_a' : 'cls_b', outcome: index % 4 ? 'allowed' : 'denied', errorCode: index % 4 ? null : 'FORBIDDEN' })
      env.clock.advance(1000)
    }
  }
  const unprotect = () => env.deps.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;')

  it('chains every row from a zero genesis and verifies', () => {
    append(20)
    const rows = env.deps.db.prepare<[], { id: number; prev_hash: Buffer; row_hash: Buffer }>('SELECT id, prev_hash, row_hash FROM audit_log ORDER BY id').all()
    expect(rows[0]!.prev_hash.equals(Buffer.alloc(32))).toBe(true)
    for (let index = 1; index < rows.length; index++) expect(rows[index]!.prev_hash.equals(rows[index - 1]!.row_hash)).toBe(true)
    expect(env.deps.audit.verifyChain()).toMatchObject({ ok: true, checkedRows: 21, firstBrokenRowId: null, anchor: { status: 'verified', rowId: 21 } })
  })

  it('refuses UPDATE and DELETE through its triggers', () => {
    append(2)
    expect(() => env.deps.db.prepare("UPDATE audit_log SET outcome = 'allowed'").run()).toThrow(/append-only/)
    expect(() => env.deps.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
  })

  it.each([
    ['a changed target', "UPDATE audit_log SET target = 'nothing to see' WHERE id = 7", 7],
    ['a changed outcome', "UPDATE audit_log SET outcome = 'allowed', error_code = NULL WHERE id = 10", 10],
    ['a changed time', 'UPDATE audit_log SET at = at + 1 WHERE id = 4', 4],
    ['a deleted row', 'DELETE FROM audit_log WHERE id = 6', 6],
    ['deleted newest rows', 'DELETE FROM audit_log WHERE id >= 15', 15],
    ['a recomputed-looking forged hash', 'UPDATE audit_log SET row_hash = zeroblob(32) WHERE id = 12', 12],
  ])('names the first broken row after %s', (_name, tamper, brokenId) => {
    append(20)
    unprotect()
    env.deps.db.exec(tamper)
    const result = env.deps.audit.verifyChain()
    expect(result.ok).toBe(false)
    expect(result.firstBrokenRowId).toBe(brokenId)
    expect(result.checkedRows).toBe(brokenId - 1)
  })

  it('catches a row inserted in the middle even with a correct hash for its own content', () => {
    append(10)
    unprotect()
    env.deps.db.exec('DELETE FROM audit_log WHERE id = 5')
    const row5 = env.deps.db.prepare('SELECT * FROM audit_log WHERE id = 4').get() as { row_hash: Buffer }
    const forged = { id: 5, at: 1, actorId: null, actorName: 'mallory', action: 'x', target: 'y', clusterId: null, outcome: 'allowed', errorCode: null }
    env.deps.db.prepare('INSERT INTO audit_log VALUES (5, 1, NULL, ?, ?, ?, NULL, ?, NULL, ?, ?)')
      .run('mallory', 'x', 'y', 'allowed', row5.row_hash, env.deps.audit.chainHash(row5.row_hash, forged))
    expect(env.deps.audit.verifyChain().firstBrokenRowId).toBe(6)
  })

  it('lists newest first with filters and paging, Organization Owners only', () => {
    append(30)
    const page = env.deps.audit.list(owner, { clusterId: 'cls_b' }, 4)
    expect(page.rows.map((row) => row.clusterId)).toEqual(['cls_b', 'cls_b', 'cls_b', 'cls_b'])
    expect(page.hasMore).toBe(true)
    const next = env.deps.audit.list(owner, { clusterId: 'cls_b' }, 100, page.rows.at(-1)!.id)
    expect(next.rows.every((row) => row.id < page.rows.at(-1)!.id)).toBe(true)
    expect(next.hasMore).toBe(false)
    expect(page.rows.length + next.rows.length).toBe(10)
    const denied = env.deps.audit.list(owner, { outcome: 'denied', action: 'clusterUser.drop' }, 500)
    expect(denied.rows.every((row) => row.errorCode === 'FORBIDDEN' && row.action === 'clusterUser.drop')).toBe(true)
    expect(denied.rows).toHaveLength(8)
  })

  it.each([
    [{ actorId: 'acc_x' }, 'audit_log_by_actor'],
    [{ clusterId: 'cls_a' }, 'audit_log_by_cluster'],
    [{ action: 'clusterUser.add' as const }, 'audit_log_by_action'],
    [{ outcome: 'denied' as const }, 'audit_log_by_outcome'],
  ])('a page filtered by %j reads the index %s, not the whole log', (filter, index) => {
    append(50)
    const { sql, params } = listQuery(filter, 51, 40)
    const plan = env.deps.db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => row.detail)
    expect(plan.join('\n')).toContain(`USING INDEX ${index}`)
    expect(plan.join('\n')).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/)
  })

  it('exports RFC 4180 CSV with formula injection neutralised, and audits the export', () => {
    env.deps.audit.record({ actor: owner, action: 'member.add', target: '=HYPERLINK("http://evil","x"), "quoted"\nline', outcome: 'allowed' })
    const csv = env.deps.audit.exportCsv(owner, { action: 'member.add' })
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('id,time,at_ms,actor_id,actor,action,target,cluster_id,outcome,error_code,prev_hash,row_hash')
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x""), ""quoted""\nline"`)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(env.deps.audit.list(owner, { action: 'audit.export' }, 1).rows).toHaveLength(1)
  })

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['plain', 'plain'],
    ["'quoted", "''quoted"],
    ['a,b', '"a,b"'],
    [null, ''],
  ])('csv cell %j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it.each([
    ['a BLOB in a text column', 'UPDATE audit_log SET target = CAST(target AS BLOB) WHERE id = 5'],
    ['a REAL time', 'UPDATE audit_log SET at = at + 0.5 WHERE id = 5'],
    ['the time rewritten as text', "UPDATE audit_log SET at = datetime(at / 1000, 'unixepoch') WHERE id = 5"],
    ['a time beyond JavaScript integers', 'UPDATE audit_log SET at = 9223372036854775807 WHERE id = 5'],
    ['a text hash', "UPDATE audit_log SET prev_hash = 'not a hash' WHERE id = 5"],
    ['an outcome outside the CHECK', "PRAGMA ignore_check_constraints = ON; UPDATE audit_log SET outcome = 'maybe' WHERE id = 5"],
  ])('names the row and keeps listing after %s', (_name, tamper) => {
    append(8)
    unprotect()
    env.deps.db.exec(tamper)
    expect(env.deps.audit.verifyChain()).toMatchObject({ ok: false, firstBrokenRowId: 5, checkedRows: 4 })
    const page = env.deps.audit.list(owner, {}, 100)
    expect(() => contract['audit.list'].output.parse(page)).not.toThrow()
    expect(page.rows.filter((row) => row.damaged).map((row) => row.id)).toEqual([5])
    expect(() => env.deps.audit.exportCsv(owner, {})).not.toThrow()
  })

  it('hashes what SQLite stores: lone surrogates, NUL and astral text all verify', () => {
    const pieces = ['\uD800', '\uDFFF', '\uD83D\uDE00', '\u0000', '\uFFFD', 'e\u0301', '\u007F', 'plain', '"', ',', '\n', 'ß', '\uDBFF\uD800']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let index = 0; index < 200; index++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      env.deps.audit.record({ actor: { accountId: `acc_${text}`, displayName: text }, action: 'enrollment.redeem', target: `member ${text}`,
        clusterId: text, outcome: 'denied', errorCode: 'ENROLLMENT_INVALID' })
    }
    expect(env.deps.audit.verifyChain()).toMatchObject({ ok: true, checkedRows: 201 })
    const listed = env.deps.audit.list(owner, {}, 500).rows
    const wellFormed = (text: string) => text === wellFormedText(text)
    expect(listed.every((row) => wellFormed(row.target) && wellFormed(row.actorName ?? ''))).toBe(true)
  })

  it('verifies rows written before version 4 that hashed a lone surrogate differently from how it was stored', () => {
    const last = env.deps.db.prepare('SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; row_hash: Buffer }
    // The old writer hashed TextEncoder's bytes (EF BF BD) and let better-sqlite3 store ED A0 80.
    const old: ChainedFields = { id: last.id + 1, at: env.clock(), actorId: null, actorName: null, action: 'enrollment.redeem',
      target: 'member x\uD800@acme.example', clusterId: null, outcome: 'denied', errorCode: 'ENROLLMENT_INVALID' }
    env.deps.db.prepare('INSERT INTO audit_log VALUES (?, ?, NULL, NULL, ?, ?, NULL, ?, ?, ?, ?)')
      .run(old.id, old.at, old.action, old.target, old.outcome, old.errorCode, last.row_hash, Buffer.from(env.deps.audit.chainHash(last.row_hash, old)))
    expect(env.deps.db.prepare('SELECT hex(target) AS hex FROM audit_log WHERE id = ?').get(old.id)).toEqual({ hex: expect.stringContaining('EDA080') })
    append(2)
    expect(env.deps.audit.verifyChain()).toMatchObject({ ok: true })
  })

  it('filters by time range and text, matching labels and legacy codes too', () => {
    append(10)
    const start = env.deps.db.prepare('SELECT at FROM audit_log WHERE id = 4').get() as { at: number }
    const ranged = env.deps.audit.list(owner, { from: start.at, to: start.at + 3000 }, 100).rows.map((row) => row.id)
    expect(ranged).toEqual([6, 5, 4])
    expect(env.deps.audit.list(owner, { text: 'u7' }, 100).rows.map((row) => row.target)).toEqual(['cluster user u7'])
    expect(env.deps.audit.list(owner, { text: '100%_' }, 100).rows).toEqual([])
    expect(env.deps.audit.list(owner, { text: 'created the workspace' }, 100).rows.map((row) => row.action)).toEqual(['workspace.create'])
  })
})

/**
 * Two processes on one data folder (a second app start racing the single-instance lock,
 * a backup tool, the bridge next to the app): every write transaction begins IMMEDIATE,
 * so the second writer waits for the lock (busy_timeout) instead of reading a snapshot
 * first and then failing with "database is locked" when it tries to write.
 */
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { createOwnerWorkspace } from '../testing/fixtures'
import { ProjectService } from '../projects/projectService'

/** Another connection, in its own thread, that takes the write lock, signals, holds it briefly and commits. */
const HOLD_WRITE_LOCK = `
  const { parentPort, workerData } = require('node:worker_threads')
  const Database = require('better-sqlite3')
  const db = new Database(workerData.path)
  db.pragma('busy_timeout = 5000')
  db.exec('BEGIN IMMEDIATE')
  db.prepare("INSERT INTO projects (id, name, created_at, created_by) VALUES ('prj_other', 'Written by another process', 0, NULL)").run()
  parentPort.postMessage('locked')
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs)
  db.exec('COMMIT')
  db.close()
`

let env: TestDeps | null = null
afterEach(() => {
  env?.cleanup()
  env = null
})

describe('write transactions', () => {
  it('a second connection waits for another connection’s write transaction and then succeeds', async () => {
    env = await createTestDeps()
    const { owner } = await createOwnerWorkspace(env)
    const projects = new ProjectService(env.deps)
    const actor = { accountId: owner.account.id, displayName: owner.account.displayName }

    const holder = new Worker(HOLD_WRITE_LOCK, { eval: true, workerData: { path: env.databasePath, holdMs: 400 } })
    const exited = once(holder, 'exit')
    expect((await once(holder, 'message'))[0]).toBe('locked')

    // Reads the actor's roles, then writes the project and its audit row: a deferred
    // transaction would read first and fail once the other writer commits.
    const created = projects.create(actor, { name: 'Orders' })

    expect(await exited).toEqual([0])
    expect(projects.list(actor).map((project) => project.name).sort()).toEqual(['Orders', 'Written by another process'])
    expect(created.name).toBe('Orders')
    expect(env.deps.audit.verifyChain()).toMatchObject({ ok: true })
  })
})

import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { createTestDeps, type TestDeps } from '../testing/testDeps'

let env: TestDeps
afterEach(() => env.cleanup())

function projectNames(): string[] {
  return env.deps.db.prepare('SELECT name FROM projects ORDER BY rowid').pluck().all() as string[]
}

function insertProject(name: string): void {
  env.deps.db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, 0)').run(`prj_${name}`, name)
}

describe('RequestTransactions', () => {
  it('commits on success and on a typed refusal, rolls back anything else', async () => {
    env = await createTestDeps()
    const { requests } = env.deps
    await requests.run(() => insertProject('kept'))
    await expect(
      requests.run(() => {
        insertProject('refusal-kept')
        throw new AppError('FORBIDDEN', 'no')
      }),
    ).rejects.toThrow('no')
    await expect(
      requests.run(() => {
        insertProject('rolled-back')
        throw new Error('bug')
      }),
    ).rejects.toThrow('bug')
    expect(projectNames()).toEqual(['kept', 'refusal-kept'])
    expect(env.deps.db.inTransaction).toBe(false)
  })

  it('runs one request at a time, even across awaits, and after-commit work only after a commit', async () => {
    env = await createTestDeps()
    const { requests } = env.deps
    const events: string[] = []
    const slow = requests.run(async () => {
      insertProject('slow')
      requests.afterCommit(() => events.push(`after slow: committed=${!env.deps.db.inTransaction}`))
      await sleep(50)
      events.push('slow done')
    })
    const quick = requests.run(() => {
      events.push(`quick sees ${projectNames().join(',')}`)
    })
    const failing = requests.run(() => {
      requests.afterCommit(() => events.push('never'))
      throw new Error('bug')
    })
    await Promise.all([slow, quick, failing.catch(() => undefined)])
    expect(events).toEqual(['slow done', 'after slow: committed=true', 'quick sees slow'])
  })
})

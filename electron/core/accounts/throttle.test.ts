import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { formatWait } from '@shared/policy/wait'
import { AttemptThrottle, FIRST_DELAY_MS, lockDelayAfter, MAX_DELAY_MS } from './throttle'

describe('lockDelayAfter', () => {
  it('lets the first three failures through, then doubles from 1 s up to 5 minutes', () => {
    expect([0, 1, 2, 3].map(lockDelayAfter)).toEqual([0, 0, 0, 0])
    expect([4, 5, 6, 7].map(lockDelayAfter)).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(lockDelayAfter(12)).toBe(256_000)
    expect(lockDelayAfter(13)).toBe(MAX_DELAY_MS)
    expect(lockDelayAfter(10_000)).toBe(MAX_DELAY_MS)
  })

  it('formats waits for people', () => {
    expect(formatWait(1)).toBe('1 second')
    expect(formatWait(1_500)).toBe('2 seconds')
    expect(formatWait(60_000)).toBe('1 minute')
    expect(formatWait(MAX_DELAY_MS)).toBe('5 minutes')
    expect(formatWait(95_000)).toBe('1 minute 35 seconds')
  })
})

describe('AttemptThrottle', () => {
  let env: TestDeps
  afterEach(() => env.cleanup())

  it('locks after the free failures, reports the wait, resets on success and caps a clock set back', async () => {
    env = await createTestDeps()
    const accountId = 'acc_t'
    const throttle = new AttemptThrottle(env.deps.db, env.clock, 'session.sign_in', 'Too many wrong passphrases.')

    expect([1, 2, 3].map(() => throttle.recordFailure(accountId))).toEqual([0, 0, 0])
    expect(throttle.retryAfterMs(accountId)).toBe(0)
    expect(throttle.recordFailure(accountId)).toBe(FIRST_DELAY_MS)
    expect(throttle.retryAfterMs(accountId)).toBe(FIRST_DELAY_MS)
    env.clock.advance(400)
    let thrown: unknown
    try {
      throttle.assertAllowed(accountId)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).code).toBe('THROTTLED')
    expect((thrown as AppError).retryAfterMs).toBe(600)

    env.clock.advance(600)
    expect(() => throttle.assertAllowed(accountId)).not.toThrow()
    expect(throttle.recordFailure(accountId)).toBe(2 * FIRST_DELAY_MS)

    env.clock.advance(-24 * 60 * 60 * 1_000)
    expect(throttle.retryAfterMs(accountId)).toBe(2 * FIRST_DELAY_MS)

    throttle.recordSuccess(accountId)
    expect(throttle.retryAfterMs(accountId)).toBe(0)
    expect(throttle.recordFailure(accountId)).toBe(0)
  })

  it('counts each scope and subject apart, and the count survives reopening the database', async () => {
    env = await createTestDeps()
    const verify = new AttemptThrottle(env.deps.db, env.clock, 'clusterUser.verify', 'Too many wrong passwords.')
    for (let attempt = 0; attempt < 5; attempt++) verify.recordFailure('subject-a')
    expect(verify.retryAfterMs('subject-a')).toBe(2 * FIRST_DELAY_MS)
    expect(verify.retryAfterMs('subject-b')).toBe(0)
    expect(new AttemptThrottle(env.deps.db, env.clock, 'session.sign_in', 'x').retryAfterMs('subject-a')).toBe(0)

    env = await env.reopen()
    const reopened = new AttemptThrottle(env.deps.db, env.clock, 'clusterUser.verify', 'Too many wrong passwords.')
    expect(() => reopened.assertAllowed('subject-a')).toThrow(expect.objectContaining({ code: 'THROTTLED', retryAfterMs: 2 * FIRST_DELAY_MS }))
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { insertPendingAccount } from '../testing/fixtures'
import { formatWait } from '@shared/policy/wait'
import { FIRST_DELAY_MS, lockDelayAfter, MAX_DELAY_MS, SignInThrottle } from './throttle'

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

describe('SignInThrottle', () => {
  let env: TestDeps
  afterEach(() => env.cleanup())

  it('locks after the free failures, reports the wait, resets on success and caps a clock set back', async () => {
    env = await createTestDeps()
    const accountId = insertPendingAccount(env, { id: 'acc_t', displayName: 'T', email: 't@example.com' })
    const throttle = new SignInThrottle(env.deps.db, env.clock)

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
})

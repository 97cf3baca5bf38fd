/**
 * Slows down guessing of enrollment codes at this workstation. Codes carry 80 bits and
 * each attempt costs an Argon2id verify, so this is about noise and abuse, not math: the
 * first few wrong codes are free, then each failure doubles a short lock-out (the same
 * schedule as sign-in). It counts failures across all emails on purpose, so the answer
 * never reveals which emails have an open enrollment.
 */
import { AppError } from '@shared/errors'
import { formatWait } from '@shared/policy/wait'
import { lockDelayAfter } from '../accounts/throttle'

export class RedeemThrottle {
  #consecutiveFailures = 0
  #lockedUntil = 0

  constructor(private readonly clock: () => number) {}

  assertAllowed(): void {
    // Capped by the imposed lock-out, so setting the clock back never lengthens the wait.
    const retryAfterMs = Math.min(this.#lockedUntil - this.clock(), lockDelayAfter(this.#consecutiveFailures))
    if (retryAfterMs > 0) {
      throw new AppError('THROTTLED', `Too many wrong enrollment codes. Try again in ${formatWait(retryAfterMs)}.`, { retryAfterMs })
    }
  }

  recordFailure(): void {
    this.#consecutiveFailures++
    const delayMs = lockDelayAfter(this.#consecutiveFailures)
    this.#lockedUntil = delayMs > 0 ? this.clock() + delayMs : 0
  }

  recordSuccess(): void {
    this.#consecutiveFailures = 0
    this.#lockedUntil = 0
  }
}

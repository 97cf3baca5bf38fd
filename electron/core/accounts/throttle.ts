/**
 * Slows down passphrase guessing per account. The first few wrong passphrases are free
 * (typos happen); after that each further failure doubles a lock-out, capped. The count
 * lives in SQLite, so restarting the app does not reset it; a correct passphrase does.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { formatWait } from '@shared/policy/wait'

export const FREE_FAILURES = 3
export const FIRST_DELAY_MS = 1_000
export const MAX_DELAY_MS = 5 * 60 * 1_000

/** Lock-out after the given number of consecutive failures: 0,0,0, then 1 s, 2 s, 4 s … capped at 5 min. */
export function lockDelayAfter(consecutiveFailures: number): number {
  if (consecutiveFailures <= FREE_FAILURES) return 0
  const doublings = Math.min(consecutiveFailures - FREE_FAILURES - 1, 30)
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings)
}

interface ThrottleRow {
  consecutive_failures: number
  locked_until: number
}

export class SignInThrottle {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly clock: () => number,
  ) {}

  /** Milliseconds until the next attempt is allowed; 0 when it is allowed now. */
  retryAfterMs(accountId: string): number {
    const row = this.#row(accountId)
    if (!row) return 0
    const remaining = row.locked_until - this.clock()
    if (remaining <= 0) return 0
    // If the system clock was set back, never wait longer than the lock-out that was imposed.
    return Math.min(remaining, lockDelayAfter(row.consecutive_failures))
  }

  /** Throws THROTTLED while the account is locked out; a locked-out attempt is not checked and not counted. */
  assertAllowed(accountId: string): void {
    const retryAfterMs = this.retryAfterMs(accountId)
    if (retryAfterMs > 0) {
      throw new AppError('THROTTLED', `Too many wrong passphrases. Try again in ${formatWait(retryAfterMs)}.`, {
        retryAfterMs,
      })
    }
  }

  /** Counts a wrong passphrase; returns the lock-out now in force (0 while failures are still free). */
  recordFailure(accountId: string): number {
    return this.db.transaction(() => {
      const failures = (this.#row(accountId)?.consecutive_failures ?? 0) + 1
      const delayMs = lockDelayAfter(failures)
      this.db
        .prepare(
          `INSERT INTO sign_in_throttle (account_id, consecutive_failures, locked_until) VALUES (?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET
             consecutive_failures = excluded.consecutive_failures, locked_until = excluded.locked_until`,
        )
        .run(accountId, failures, delayMs > 0 ? this.clock() + delayMs : 0)
      return delayMs
    })()
  }

  recordSuccess(accountId: string): void {
    this.db.prepare('DELETE FROM sign_in_throttle WHERE account_id = ?').run(accountId)
  }

  #row(accountId: string): ThrottleRow | undefined {
    return this.db
      .prepare('SELECT consecutive_failures, locked_until FROM sign_in_throttle WHERE account_id = ?')
      .get(accountId) as ThrottleRow | undefined
  }
}

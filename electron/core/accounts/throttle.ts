/**
 * Slows down guessing of every secret the app checks: passphrases at sign-in, enrollment
 * codes, cluster-user credentials. The first few wrong guesses are free (typos happen);
 * after that each further failure doubles a lock-out, capped — one curve for all of them.
 * Counts live in SQLite (`attempt_throttle`, one row per scope and subject), so restarting
 * the app does not reset them; a correct guess does.
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

/** What is being guessed; each scope counts its subjects separately. */
export type ThrottleScope = 'session.sign_in' | 'enrollment.redeem' | 'clusterUser.verify'

export class AttemptThrottle {
  readonly #select: BetterSqlite3.Statement<[string, string], ThrottleRow>
  readonly #upsert: BetterSqlite3.Statement<[string, string, number, number]>
  readonly #delete: BetterSqlite3.Statement<[string, string]>

  /** `tooMany` starts the THROTTLED message, e.g. "Too many wrong passphrases." */
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly clock: () => number,
    private readonly scope: ThrottleScope,
    private readonly tooMany: string,
  ) {
    this.#select = db.prepare('SELECT consecutive_failures, locked_until FROM attempt_throttle WHERE scope = ? AND subject = ?')
    this.#upsert = db.prepare(
      `INSERT INTO attempt_throttle (scope, subject, consecutive_failures, locked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (scope, subject) DO UPDATE SET
         consecutive_failures = excluded.consecutive_failures, locked_until = excluded.locked_until`,
    )
    this.#delete = db.prepare('DELETE FROM attempt_throttle WHERE scope = ? AND subject = ?')
  }

  /** Milliseconds until the next attempt is allowed; 0 when it is allowed now. */
  retryAfterMs(subject: string): number {
    const row = this.#select.get(this.scope, subject)
    if (!row) return 0
    const remaining = row.locked_until - this.clock()
    if (remaining <= 0) return 0
    // If the system clock was set back, never wait longer than the lock-out that was imposed.
    return Math.min(remaining, lockDelayAfter(row.consecutive_failures))
  }

  /** Throws THROTTLED while the subject is locked out; a locked-out attempt is not checked and not counted. */
  assertAllowed(subject: string): void {
    const retryAfterMs = this.retryAfterMs(subject)
    if (retryAfterMs > 0) {
      throw new AppError('THROTTLED', `${this.tooMany} Try again in ${formatWait(retryAfterMs)}.`, { retryAfterMs })
    }
  }

  /** Counts a wrong guess; returns the lock-out now in force (0 while failures are still free). */
  recordFailure(subject: string): number {
    return this.db
      .transaction(() => {
        const failures = (this.#select.get(this.scope, subject)?.consecutive_failures ?? 0) + 1
        const delayMs = lockDelayAfter(failures)
        this.#upsert.run(this.scope, subject, failures, delayMs > 0 ? this.clock() + delayMs : 0)
        return delayMs
      })
      .immediate()
  }

  /** A correct guess (or the subject's end, e.g. a removed account) clears the count. */
  recordSuccess(subject: string): void {
    this.#delete.run(this.scope, subject)
  }
}

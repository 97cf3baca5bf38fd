/**
 * One request from the renderer runs in one IMMEDIATE transaction, and requests run one
 * at a time (a single person at a single workstation makes one request at a time; the
 * queue only keeps an awaited KDF from letting a second request into the first one's
 * transaction). The dispatcher produces and checks the answer inside `run`, so a change
 * whose answer cannot be produced is never committed:
 *
 * - the work returns → COMMIT;
 * - a typed refusal (AppError) → COMMIT: the refused change itself already rolled back in
 *   the service's own nested transaction (runAudited), and what remains is meant to stay —
 *   the "denied" audit row, a throttle's failure count;
 * - anything else (a bug, an answer that fails its schema, a storage error) → ROLLBACK.
 *
 * Services nest their own `db.transaction(...).immediate()` inside (better-sqlite3 turns
 * them into savepoints), so they behave the same when tests call them directly.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { isAppError } from '@shared/errors'
import type { Logger } from '../log'

export class RequestTransactions {
  #tail: Promise<void> = Promise.resolve()
  #afterCommit: Array<() => void> | null = null

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly logger: Logger,
  ) {}

  /** Runs `work` after every earlier request, inside one transaction (see above). */
  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(() => this.#runNow(work))
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    )
    return result
  }

  /**
   * Runs `task` once the current request has committed (now, outside a request). For work
   * SQLite refuses inside a transaction, such as a WAL checkpoint. A failing task is logged:
   * the change it follows is already committed and its answer stands.
   */
  afterCommit(task: () => void): void {
    if (this.#afterCommit) this.#afterCommit.push(task)
    else task()
  }

  async #runNow<T>(work: () => T | Promise<T>): Promise<T> {
    const tasks: Array<() => void> = []
    this.db.exec('BEGIN IMMEDIATE')
    this.#afterCommit = tasks
    let value: T
    try {
      value = await work()
    } catch (error) {
      this.#afterCommit = null
      if (isAppError(error)) this.#commit(tasks)
      else this.#rollback()
      throw error
    }
    this.#afterCommit = null
    this.#commit(tasks)
    return value
  }

  #commit(tasks: Array<() => void>): void {
    try {
      this.db.exec('COMMIT')
    } catch (error) {
      this.#rollback()
      throw error
    }
    for (const task of tasks) {
      try {
        task()
      } catch (error) {
        this.logger.error('db.after_commit_failed', { error: error instanceof Error ? error.message : typeof error })
      }
    }
  }

  #rollback(): void {
    // A storage error may already have ended the transaction.
    if (this.db.inTransaction) this.db.exec('ROLLBACK')
  }
}

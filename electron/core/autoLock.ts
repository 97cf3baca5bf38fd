/**
 * Locks the session after the signed-in account's idle time (Settings, default 5 min).
 * Main owns the timer: the renderer only reports activity (any IPC call counts, and the
 * window sends session.activity on user input), so a compromised or frozen renderer
 * cannot keep a session unlocked by skipping a check of its own.
 */
import type { SessionState } from './session'

export interface LockTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const realLockTimers: LockTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    // An idle timer must never keep the process alive on its own.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export interface AutoLockDeps {
  session: SessionState
  clock: () => number
  /** Idle minutes of an account, read fresh so a settings change applies at once. */
  idleMinutesOf: (accountId: string) => number
  /** Locks (audited); the same path as the Lock button and the OS lock. */
  lock: () => void
  timers?: LockTimers
}

export class AutoLock {
  readonly #deps: AutoLockDeps
  readonly #timers: LockTimers
  #lastActivity = 0
  #timer: unknown = null

  constructor(deps: AutoLockDeps) {
    this.#deps = deps
    this.#timers = deps.timers ?? realLockTimers
    deps.session.onEnd(() => this.#cancel())
  }

  /** Records activity of the signed-in session; returns when it will lock if nothing else happens. */
  touch(): number | null {
    const actor = this.#deps.session.currentActor()
    if (!actor) return null
    this.#lastActivity = this.#deps.clock()
    const idleMs = this.#idleMs(actor.accountId)
    // One timer at a time: when it fires it checks the latest activity and re-arms if needed,
    // so a busy session costs no timer churn per call.
    if (this.#timer === null) this.#arm(idleMs)
    return this.#lastActivity + idleMs
  }

  /** Re-arms for a changed idle time (a shorter one must not wait for the old timer). */
  rearm(): void {
    this.#cancel()
    const due = this.lockAt()
    if (due !== null) this.#arm(due - this.#deps.clock())
  }

  /** When the session locks if idle from now on; null when nobody is signed in. */
  lockAt(): number | null {
    const actor = this.#deps.session.currentActor()
    return actor ? this.#lastActivity + this.#idleMs(actor.accountId) : null
  }

  #idleMs(accountId: string): number {
    return this.#deps.idleMinutesOf(accountId) * 60_000
  }

  #arm(ms: number): void {
    this.#timer = this.#timers.setTimeout(() => this.#check(), Math.max(ms, 0))
  }

  #check(): void {
    this.#timer = null
    const actor = this.#deps.session.currentActor()
    if (!actor) return
    const due = this.#lastActivity + this.#idleMs(actor.accountId)
    const now = this.#deps.clock()
    if (now >= due) this.#deps.lock()
    else this.#arm(due - now)
  }

  #cancel(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer)
    this.#timer = null
  }
}

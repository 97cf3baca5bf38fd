/**
 * The one signed-in session of this workstation. The account key lives here and nowhere
 * else; the renderer only ever sees the account's id, name and roles.
 */
import type { Sodium } from './crypto/sodium'

/** The signed-in account as rules see it: who is acting. Roles are looked up fresh per call. */
export interface Actor {
  accountId: string
  displayName: string
}

interface ActiveSession {
  actor: Actor
  accountKey: Uint8Array
  startedAt: number
}

export class SessionState {
  #active: ActiveSession | null = null
  /** After a lock: which account to unlock. An id only; no key material survives a lock. */
  #lockedAccountId: string | null = null
  readonly #onEnd = new Set<() => void>()
  readonly #onLock = new Set<() => void>()

  constructor(private readonly sodium: Sodium) {}

  start(actor: Actor, accountKey: Uint8Array, now: number): void {
    this.end()
    this.#lockedAccountId = null
    this.#active = { actor, accountKey, startedAt: now }
  }

  /**
   * Ends the session exactly like sign-out (key and tickets wiped, every onEnd listener
   * run) but remembers the account, so the app offers to unlock it. Returns the actor
   * that was locked, or null when nobody was signed in.
   */
  lock(): Actor | null {
    const actor = this.currentActor()
    if (!actor) return null
    this.end()
    this.#lockedAccountId = actor.accountId
    for (const listener of this.#onLock) listener()
    return actor
  }

  /** Runs after every lock (button, idle, OS): main reloads the window so no revealed value survives. */
  onLock(listener: () => void): () => void {
    this.#onLock.add(listener)
    return () => this.#onLock.delete(listener)
  }

  /** The account a locked session belongs to; null when signed in or signed out. */
  lockedAccountId(): string | null {
    return this.#lockedAccountId
  }

  /** Forgets a locked account (sign-out from the lock screen, account removed). */
  forgetLocked(): void {
    this.#lockedAccountId = null
  }

  currentActor(): Actor | null {
    return this.#active ? { ...this.#active.actor } : null
  }

  /** The unwrapped account key; callers must not keep it beyond the call. */
  accountKey(): Uint8Array | null {
    return this.#active?.accountKey ?? null
  }

  /** Register cleanup that must run whenever the session ends (sign-out, switch, quit). */
  onEnd(listener: () => void): () => void {
    this.#onEnd.add(listener)
    return () => this.#onEnd.delete(listener)
  }

  end(): void {
    if (!this.#active) return
    this.sodium.memzero(this.#active.accountKey)
    this.#active = null
    for (const listener of this.#onEnd) listener()
  }
}

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
  readonly #onEnd = new Set<() => void>()

  constructor(private readonly sodium: Sodium) {}

  start(actor: Actor, accountKey: Uint8Array, now: number): void {
    this.end()
    this.#active = { actor, accountKey, startedAt: now }
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

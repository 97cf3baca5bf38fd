/**
 * Show-once tickets. A freshly set cluster password lives only here, in main's memory, as
 * bytes bound to the account that created it. Opening the ticket returns it once and
 * wipes it; expiry, dismissal, sign-out and shutdown wipe it too. Retired ticket ids are
 * remembered (bounded) so a second open is told REVEAL_CONSUMED or REVEAL_EXPIRED, not
 * NOT_FOUND. Ticket ids never reach the audit log or the logger.
 */
import { AppError } from '@shared/errors'
import { LIMITS } from '@shared/domain'
import type { RevealTicket } from '@shared/ipc/contract'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'
import { newId } from '../ids'

export interface RevealSecret {
  clusterId: string
  clusterName: string
  endpoint: string
  username: string
  /** ASCII bytes of the password; ownership passes to the service, which wipes them. */
  password: Uint8Array
}

export interface RevealedSecret {
  clusterId: string
  clusterName: string
  endpoint: string
  username: string
  password: string
}

interface LiveTicket {
  ownerId: string
  expiresAt: number
  secret: RevealSecret
  timer: ReturnType<typeof setTimeout>
}

type RetiredReason = 'consumed' | 'expired'

/** Enough to answer "already used" for every ticket a person could plausibly still hold. */
const RETIRED_MEMORY = 1_000

export class RevealService {
  readonly #deps: Pick<CoreDeps, 'sodium' | 'clock' | 'audit'>
  readonly #live = new Map<string, LiveTicket>()
  readonly #retired = new Map<string, { ownerId: string; reason: RetiredReason }>()

  constructor(deps: Pick<CoreDeps, 'sodium' | 'clock' | 'audit' | 'session'>) {
    this.#deps = deps
    deps.session.onEnd(() => this.wipeAll())
  }

  issue(actor: Actor, secret: RevealSecret): RevealTicket {
    const ticketId = newId('rvl')
    const expiresAt = this.#deps.clock() + LIMITS.revealTtlMs
    // The timer wipes the bytes even if nobody comes back; unref so it never keeps the process alive.
    const timer = setTimeout(() => this.#retire(ticketId, 'expired'), LIMITS.revealTtlMs)
    timer.unref?.()
    this.#live.set(ticketId, { ownerId: actor.accountId, expiresAt, secret, timer })
    return { ticketId, expiresAt }
  }

  /**
   * Runs `work` (typically a committed, audited transaction) that produces a new password
   * through `keep`, then hands the bytes to a new ticket described from `work`'s result.
   * The bytes are wiped on every failure, the ticket's issue included.
   */
  issueAfter<T>(
    actor: Actor,
    work: (keep: (password: Uint8Array) => Uint8Array) => T,
    describe: (result: T) => Omit<RevealSecret, 'password'>,
  ): { result: T; reveal: RevealTicket } {
    const { sodium } = this.#deps
    // Held in an object so the finally below sees what `work` assigned.
    const held: { password: Uint8Array | null } = { password: null }
    const keep = (password: Uint8Array) => {
      if (held.password && held.password !== password) sodium.memzero(held.password)
      return (held.password = password)
    }
    try {
      const result = work(keep)
      if (!held.password) throw new Error('the action produced no password to reveal')
      const reveal = this.issue(actor, { ...describe(result), password: held.password })
      held.password = null // the ticket owns the bytes now
      return { result, reveal }
    } finally {
      if (held.password) sodium.memzero(held.password)
    }
  }

  open(actor: Actor, ticketId: string): RevealedSecret {
    this.#sweepExpired()
    const ticket = this.#live.get(ticketId)
    if (!ticket || ticket.ownerId !== actor.accountId) {
      const refusal = this.#refusal(actor, ticketId)
      this.#deps.audit.record({ actor, action: 'reveal.open', target: 'password reveal', outcome: 'denied', errorCode: refusal.code })
      throw refusal
    }
    const { secret } = ticket
    // Audited before the ticket is spent: if the row cannot be written the password is not
    // shown, and the ticket stays usable instead of being lost unseen.
    this.#deps.audit.record({
      actor,
      action: 'reveal.open',
      target: `password of cluster user ${secret.username} on ${secret.clusterName}`,
      clusterId: secret.clusterId,
      outcome: 'allowed',
    })
    const revealed: RevealedSecret = {
      clusterId: secret.clusterId,
      clusterName: secret.clusterName,
      endpoint: secret.endpoint,
      username: secret.username,
      password: new TextDecoder().decode(secret.password),
    }
    this.#retire(ticketId, 'consumed')
    return revealed
  }

  /** Wipes the secret without showing it. Dismissing an unknown or retired ticket is a no-op. */
  dismiss(actor: Actor, ticketId: string): void {
    const ticket = this.#live.get(ticketId)
    if (ticket && ticket.ownerId === actor.accountId) this.#retire(ticketId, 'consumed')
  }

  /** Wipes every ticket; runs on sign-out and shutdown. */
  wipeAll(): void {
    for (const ticket of this.#live.values()) {
      clearTimeout(ticket.timer)
      this.#deps.sodium.memzero(ticket.secret.password)
    }
    this.#live.clear()
    this.#retired.clear()
  }

  /** How many secrets are held right now (tests and diagnostics; never their content). */
  get liveCount(): number {
    return this.#live.size
  }

  #refusal(actor: Actor, ticketId: string): AppError {
    const retired = this.#retired.get(ticketId)
    if (retired && retired.ownerId === actor.accountId) {
      return retired.reason === 'expired'
        ? new AppError('REVEAL_EXPIRED', 'This password can no longer be shown: the reveal expired. Reset the password to get a new one.')
        : new AppError('REVEAL_CONSUMED', 'This password was already shown once and cannot be shown again. Reset the password if it was not noted.')
    }
    return new AppError('NOT_FOUND', 'Nothing to reveal.')
  }

  #sweepExpired(): void {
    const now = this.#deps.clock()
    for (const [ticketId, ticket] of this.#live) if (ticket.expiresAt <= now) this.#retire(ticketId, 'expired')
  }

  #retire(ticketId: string, reason: RetiredReason): void {
    const ticket = this.#live.get(ticketId)
    if (!ticket) return
    clearTimeout(ticket.timer)
    this.#deps.sodium.memzero(ticket.secret.password)
    this.#live.delete(ticketId)
    this.#retired.set(ticketId, { ownerId: ticket.ownerId, reason })
    if (this.#retired.size > RETIRED_MEMORY) this.#retired.delete(this.#retired.keys().next().value!)
  }
}

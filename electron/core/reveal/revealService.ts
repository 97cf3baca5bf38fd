/**
 * Show-once tickets. A freshly set cluster password lives only here, in main's memory, as
 * bytes bound to the account that created it. Opening the ticket returns it once; the
 * ticket is then "shown, not yet closed": it can never be shown again, but its bytes stay
 * so the person can keep the password in their vault (main copies it, the renderer never
 * sends it back) until the dialog is dismissed or the ticket expires, whichever is first.
 * Dismissal, expiry, sign-out, lock and shutdown wipe the bytes. Retired ticket ids are
 * remembered (bounded) so a second open is told REVEAL_CONSUMED or REVEAL_EXPIRED, not
 * NOT_FOUND. Ticket ids never reach the audit log or the logger.
 */
import { AppError } from '@shared/errors'
import { LIMITS } from '@shared/domain'
import type { RevealTicket } from '@shared/ipc/contract'
import type { CoreDeps } from '../coreDeps'
import type { ClusterRole } from '@shared/domain'
import type { Actor } from '../session'
import { newId } from '../ids'
import { findClusterUser } from '../clusters/clusterRecords'

export interface RevealSecret {
  clusterId: string
  clusterName: string
  endpoint: string
  username: string
  /** ASCII bytes of the password; ownership passes to the service, which wipes them. */
  password: Uint8Array
}

/** What the vault records about a kept password, captured when the ticket is issued. */
export interface CredentialProvenance {
  clusterRole: ClusterRole
  /** The cluster user's credential version this password is (bumped at every reset). */
  credentialVersion: number
  event: 'created' | 'reset'
  byName: string
  at: number
}

/** A live ticket's secret as the vault sees it while keeping it; valid only during the callback. */
export interface HeldSecret extends RevealSecret {
  credential: CredentialProvenance | null
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
  credential: CredentialProvenance | null
  /** Opened once: never shown again, bytes kept only for keeping until dismissal or expiry. */
  shown: boolean
  timer: ReturnType<typeof setTimeout>
}

type RetiredReason = 'consumed' | 'expired'

/** Enough to answer "already used" for every ticket a person could plausibly still hold. */
const RETIRED_MEMORY = 1_000

export class RevealService {
  readonly #deps: Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'audit'>
  readonly #live = new Map<string, LiveTicket>()
  readonly #retired = new Map<string, { ownerId: string; reason: RetiredReason }>()

  constructor(deps: Pick<CoreDeps, 'db' | 'sodium' | 'clock' | 'audit' | 'session'>) {
    this.#deps = deps
    deps.session.onEnd(() => this.wipeAll())
  }

  issue(actor: Actor, secret: RevealSecret): RevealTicket {
    const ticketId = newId('rvl')
    const expiresAt = this.#deps.clock() + LIMITS.revealTtlMs
    // The timer wipes the bytes even if nobody comes back; unref so it never keeps the process alive.
    const timer = setTimeout(() => this.#expire(ticketId), LIMITS.revealTtlMs)
    timer.unref?.()
    const credential = this.#provenance(secret)
    this.#live.set(ticketId, { ownerId: actor.accountId, expiresAt, secret, credential, shown: false, timer })
    return { ticketId, expiresAt }
  }

  /**
   * Runs `use` with the secret of a live ticket of `actor`, opened or not, without
   * showing it or changing its state (the vault keeps it this way). The bytes stay owned
   * by the ticket: `use` must copy what it keeps and not hold on to them.
   */
  withSecret<T>(actor: Actor, ticketId: string, use: (secret: HeldSecret) => T): T {
    this.#sweepExpired()
    const ticket = this.#live.get(ticketId)
    if (!ticket || ticket.ownerId !== actor.accountId) throw this.#refusal(actor, ticketId)
    return use({ ...ticket.secret, credential: ticket.credential })
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
    if (!ticket || ticket.ownerId !== actor.accountId || ticket.shown) {
      const refusal = ticket?.shown && ticket.ownerId === actor.accountId ? consumedError() : this.#refusal(actor, ticketId)
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
    ticket.shown = true
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
        : consumedError()
    }
    return new AppError('NOT_FOUND', 'Nothing to reveal.')
  }

  #sweepExpired(): void {
    const now = this.#deps.clock()
    for (const [ticketId, ticket] of this.#live) if (ticket.expiresAt <= now) this.#expire(ticketId)
  }

  /** A ticket that was shown and then ran out is "consumed": it was seen, just never closed. */
  #expire(ticketId: string): void {
    this.#retire(ticketId, this.#live.get(ticketId)?.shown ? 'consumed' : 'expired')
  }

  /** Read right after the password was committed, so it names exactly this password's version. */
  #provenance(secret: RevealSecret): CredentialProvenance | null {
    const user = findClusterUser(this.#deps.db, secret.clusterId, secret.username)
    if (!user) return null
    const reset = user.password_reset_at !== null && user.password_reset_by_name !== null
    return {
      clusterRole: user.role,
      credentialVersion: user.credential_version,
      event: reset ? 'reset' : 'created',
      byName: reset ? user.password_reset_by_name! : user.created_by_name,
      at: reset ? user.password_reset_at! : user.created_at,
    }
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

function consumedError(): AppError {
  return new AppError('REVEAL_CONSUMED', 'This password was already shown once and cannot be shown again. Reset the password if it was not noted.')
}

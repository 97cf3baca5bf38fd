/**
 * Whether the camera QR scanner is open: the one condition under which main lets the
 * window capture video (electron/main/cameraPermission.ts decides, hardening.ts asks).
 * The renderer opens it right before asking for the camera and closes it when the
 * scanner stops; main closes it by itself when the session ends (lock, sign-out, quit)
 * and after LIMITS.qrScannerMaxOpenMs, so a scanner that was never closed (a crashed or
 * compromised page) does not keep the permission. State only, in memory: nothing is stored.
 */
import { LIMITS } from '@shared/domain'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'

export class QrScannerGate {
  readonly #deps: Pick<CoreDeps, 'session' | 'clock' | 'logger'>
  #openFor: { accountId: string; until: number } | null = null

  constructor(deps: Pick<CoreDeps, 'session' | 'clock' | 'logger'>) {
    this.#deps = deps
    deps.session.onEnd(() => this.close())
  }

  /** Opens (or re-opens) the scanner for the signed-in account; returns when main will close it. */
  open(actor: Actor): { closesAt: number } {
    const until = this.#deps.clock() + LIMITS.qrScannerMaxOpenMs
    this.#openFor = { accountId: actor.accountId, until }
    this.#deps.logger.info('handoff.scanner_opened', { accountId: actor.accountId })
    return { closesAt: until }
  }

  close(): void {
    if (!this.#openFor) return
    this.#openFor = null
    this.#deps.logger.info('handoff.scanner_closed', {})
  }

  /** Open now, for the account that opened it, within its time. */
  isOpen(): boolean {
    const open = this.#openFor
    if (!open) return false
    const actor = this.#deps.session.currentActor()
    if (!actor || actor.accountId !== open.accountId || this.#deps.clock() >= open.until) {
      this.#openFor = null
      return false
    }
    return true
  }
}

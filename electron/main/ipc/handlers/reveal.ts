/** Show-once tickets and the clipboard: main owns the clipboard so it can clear only what it copied. */
import { LIMITS } from '@shared/domain'
import type { HandlerTable } from '../types'

export const revealHandlers = {
  'reveal.open': (input, { core, actor }) => core.reveals.open(actor, input.ticketId),
  'reveal.dismiss': (input, { core, actor }) => {
    core.reveals.dismiss(actor, input.ticketId)
    return null
  },
  'clipboard.copySecret': (input, { ports }) => {
    ports.copySecretToClipboard(input.text, LIMITS.clipboardClearMs)
    // Wall-clock on purpose: the port clears the clipboard with a real timer.
    return { clearsAt: Date.now() + LIMITS.clipboardClearMs }
  },
} satisfies Pick<HandlerTable, 'reveal.open' | 'reveal.dismiss' | 'clipboard.copySecret'>

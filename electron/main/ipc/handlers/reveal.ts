/** Show-once tickets and the clipboard: main owns the clipboard so it can clear only what it copied. */
import type { HandlerTable } from '../types'
import { copyWithSettings } from './vault'

export const revealHandlers = {
  'reveal.open': (input, { core, actor }) => core.reveals.open(actor, input.ticketId),
  'reveal.dismiss': (input, { core, actor }) => {
    core.reveals.dismiss(actor, input.ticketId)
    return null
  },
  'clipboard.copySecret': (input, context) => copyWithSettings(context, context.actor, input.text),
} satisfies Pick<HandlerTable, 'reveal.open' | 'reveal.dismiss' | 'clipboard.copySecret'>

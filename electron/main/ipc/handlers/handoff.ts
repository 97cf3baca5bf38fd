/** Handoff and contacts. Thin: every rule lives in core's HandoffService; QR rendering in core's qr module. */
import { renderQr } from '../../../core/handoff/qr'
import type { HandlerTable } from '../types'

type HandoffChannels =
  | 'contacts.myCard'
  | 'contacts.list'
  | 'contacts.importCard'
  | 'contacts.addExternal'
  | 'contacts.setVerified'
  | 'contacts.remove'
  | 'handoff.send'
  | 'handoff.inbox'
  | 'handoff.outbox'
  | 'handoff.revoke'
  | 'handoff.openInbox'
  | 'handoff.openFile'
  | 'handoff.renderQr'
  | 'handoff.scannerOpen'
  | 'handoff.scannerClose'

export const handoffHandlers = {
  'contacts.myCard': async (_input, { core, actor }) => {
    const card = await core.handoff.myCard(actor)
    return { ...card, qr: await renderQr(card.text) }
  },
  'contacts.list': (_input, { core, actor }) => core.handoff.listContacts(actor),
  'contacts.importCard': (input, { core, actor }) => core.handoff.importCard(actor, input.text),
  'contacts.addExternal': (input, { core, actor }) => core.handoff.addExternal(actor, input.name, input.ageRecipient),
  'contacts.setVerified': (input, { core, actor }) => core.handoff.setVerified(actor, input.contactId, input.verified),
  'contacts.remove': (input, { core, actor }) => {
    core.handoff.removeContact(actor, input.contactId)
    return null
  },
  'handoff.send': async (input, { core, actor }) => ({
    sent: await core.handoff.send(actor, {
      source: input.source,
      recipientIds: input.recipientIds,
      expiresInHours: input.expiresInHours,
      note: input.note,
    }),
  }),
  'handoff.inbox': (_input, { core, actor }) => core.handoff.inbox(actor),
  'handoff.outbox': (_input, { core, actor }) => core.handoff.outbox(actor),
  'handoff.revoke': (input, { core, actor }) => {
    core.handoff.revoke(actor, input.handoffId)
    return null
  },
  'handoff.openInbox': (input, { core, actor }) => core.handoff.openFromInbox(actor, input.handoffId),
  'handoff.openFile': (input, { core, actor }) => core.handoff.openFile(actor, input.text, input.acceptSenderFingerprint),
  'handoff.renderQr': (input) => renderQr(input.text),
  'handoff.scannerOpen': (_input, { core, actor }) => core.qrScanner.open(actor),
  'handoff.scannerClose': (_input, { core }) => {
    core.qrScanner.close()
    return null
  },
} satisfies Pick<HandlerTable, HandoffChannels>

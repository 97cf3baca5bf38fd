import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Contact, HandoffOpenOutcome, InboxItem, OutboxItem, QrImage, SentHandoff } from '@shared/ipc/contract'
import { api } from '../../api'

/** Where the password comes from: a show-once ticket main holds, or an entry of my vault. Never the password itself. */
export type HandoffSource = { kind: 'reveal'; ticketId: string } | { kind: 'vault'; entryId: string }

export interface MyCard {
  name: string
  email: string
  ageRecipient: string
  fingerprint: string
  text: string
  qr: QrImage
}

/**
 * Handoff: contacts, my card, inbox and sent handoffs. No secret ever lives here: sending
 * names a show-once ticket main still holds, and opening returns a new ticket that the
 * show-once dialog opens (useRevealStore).
 */
export const useHandoffStore = defineStore('handoff', () => {
  const contacts = ref<Contact[]>([])
  const inbox = ref<InboxItem[]>([])
  const outbox = ref<OutboxItem[]>([])
  const myCard = ref<MyCard | null>(null)

  async function loadContacts(): Promise<void> {
    contacts.value = await api['contacts.list']({})
  }

  async function loadAll(): Promise<void> {
    const [card, contactList, inboxList, outboxList] = await Promise.all([
      api['contacts.myCard']({}),
      api['contacts.list']({}),
      api['handoff.inbox']({}),
      api['handoff.outbox']({}),
    ])
    myCard.value = card
    contacts.value = contactList
    inbox.value = inboxList
    outbox.value = outboxList
  }

  async function importCard(text: string): Promise<Contact> {
    const contact = await api['contacts.importCard']({ text })
    await loadContacts().catch(() => undefined)
    return contact
  }

  async function addExternal(name: string, ageRecipient: string): Promise<Contact> {
    const contact = await api['contacts.addExternal']({ name, ageRecipient })
    await loadContacts().catch(() => undefined)
    return contact
  }

  async function setVerified(contactId: string, verified: boolean): Promise<void> {
    await api['contacts.setVerified']({ contactId, verified })
    await loadContacts().catch(() => undefined)
  }

  async function removeContact(contactId: string): Promise<void> {
    await api['contacts.remove']({ contactId })
    await loadContacts().catch(() => undefined)
  }

  async function send(input: { source: HandoffSource; recipientIds: string[]; expiresInHours: number; note: string | null }): Promise<SentHandoff[]> {
    const { sent } = await api['handoff.send']({
      source: input.source,
      recipientIds: input.recipientIds,
      expiresInHours: input.expiresInHours,
      note: input.note,
    })
    outbox.value = await api['handoff.outbox']({}).catch(() => outbox.value)
    return sent
  }

  async function revoke(handoffId: string): Promise<void> {
    await api['handoff.revoke']({ handoffId })
    outbox.value = await api['handoff.outbox']({})
  }

  async function openInbox(handoffId: string): Promise<HandoffOpenOutcome> {
    try {
      return await api['handoff.openInbox']({ handoffId })
    } finally {
      inbox.value = await api['handoff.inbox']({}).catch(() => inbox.value)
    }
  }

  async function openFile(text: string, acceptSenderFingerprint: string | null): Promise<HandoffOpenOutcome> {
    const outcome = await api['handoff.openFile']({ text, acceptSenderFingerprint })
    if (outcome.status === 'opened') await loadContacts().catch(() => undefined)
    return outcome
  }

  function renderQr(text: string): Promise<QrImage> {
    return api['handoff.renderQr']({ text })
  }

  return { contacts, inbox, outbox, myCard, loadAll, loadContacts, importCard, addExternal, setVerified, removeContact, send, revoke, openInbox, openFile, renderQr }
})

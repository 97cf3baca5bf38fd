import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RevealTicket } from '@shared/ipc/contract'

/**
 * Which show-once ticket is waiting to be displayed. Only the ticket id lives here: the
 * plaintext is fetched by the dialog and kept in its own local state, never in a store,
 * so it cannot linger after the dialog unmounts.
 */
export const useRevealStore = defineStore('reveal', () => {
  const pending = ref<RevealTicket | null>(null)
  /** What the dialog says was just done, e.g. "User analyst created". */
  const context = ref('')

  function present(ticket: RevealTicket, what: string): void {
    pending.value = ticket
    context.value = what
  }

  function finish(): void {
    pending.value = null
    context.value = ''
  }

  return { pending, context, present, finish }
})

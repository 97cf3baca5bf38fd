import type { HandoffOpenOutcome } from '@shared/ipc/contract'

/** What the show-once dialog says about a password that arrived by handoff. */
export function openedContext(outcome: Extract<HandoffOpenOutcome, { status: 'opened' }>): string {
  const from = `${outcome.sender.name} <${outcome.sender.email}>`
  const note = outcome.note ? ` Note: “${outcome.note}”` : ''
  const role = outcome.role ? ` (${outcome.role})` : ''
  return `Handed off by ${from}: ${outcome.username}${role} on ${outcome.clusterName}.${note}`
}

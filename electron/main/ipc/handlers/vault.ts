/**
 * Vault, settings and lock channels: thin wrappers. VaultService decides every rule; the
 * clipboard port copies with the account's own clearing delay.
 */
import type { HandlerContext, HandlerTable } from '../types'
import type { Actor } from '../../../core/session'

type VaultChannels =
  | 'session.lock'
  | 'session.activity'
  | 'vault.list'
  | 'vault.get'
  | 'vault.revealPassword'
  | 'vault.copyPassword'
  | 'vault.revealNotes'
  | 'vault.add'
  | 'vault.update'
  | 'vault.remove'
  | 'vault.keepFromReveal'
  | 'vault.connectSnippets'
  | 'vault.copySnippet'
  | 'vault.exportBackup'
  | 'vault.previewImport'
  | 'vault.applyImport'
  | 'vault.cancelImport'
  | 'settings.get'
  | 'settings.update'

/** Copies through main's guarded clipboard: cleared after the account's delay if unchanged. */
export function copyWithSettings({ core, ports }: HandlerContext, actor: Actor, text: string): { clearsAt: number } {
  const clearAfterMs = core.settings.forAccount(actor.accountId).clipboardClearSeconds * 1000
  ports.copySecretToClipboard(text, clearAfterMs)
  // Wall-clock on purpose: the port clears the clipboard with a real timer.
  return { clearsAt: Date.now() + clearAfterMs }
}

export const vaultHandlers = {
  'session.lock': (_input, { core }) => {
    core.accounts.lock('manual')
    return null
  },
  'session.activity': (_input, { core }) => ({ autoLockAt: core.autoLock.touch() ?? 0 }),
  'vault.list': (input, { core, actor }) => core.vault.list(actor, input),
  'vault.get': (input, { core, actor }) => core.vault.get(actor, input.entryId),
  'vault.revealPassword': (input, { core, actor }) => core.vault.revealPassword(actor, input.entryId, input.historyIndex),
  'vault.copyPassword': (input, context) =>
    copyWithSettings(context, context.actor, context.core.vault.passwordForCopy(context.actor, input.entryId, input.historyIndex)),
  'vault.revealNotes': (input, { core, actor }) => core.vault.revealNotes(actor, input.entryId),
  'vault.add': (input, { core, actor }) => core.vault.add(actor, input),
  'vault.update': (input, { core, actor }) => {
    const { entryId, ...changes } = input
    return core.vault.update(actor, entryId, changes)
  },
  'vault.remove': (input, { core, actor }) => {
    core.vault.remove(actor, input.entryId)
    return null
  },
  'vault.keepFromReveal': (input, { core, actor }) => core.vault.keepFromReveal(actor, input.ticketId, input),
  'vault.connectSnippets': (input, { core, actor }) => core.vault.connectSnippets(actor, input.entryId),
  'vault.copySnippet': (input, context) =>
    copyWithSettings(context, context.actor, context.core.vault.snippetForCopy(context.actor, input.entryId, input.kind)),
  'vault.exportBackup': (input, { core, actor }) => core.backups.exportBackup(actor, input.passphrase),
  'vault.previewImport': (input, { core, actor }) =>
    core.backups.previewImport(actor, new Uint8Array(Buffer.from(input.fileBase64, 'base64')), input.passphrase),
  'vault.applyImport': (input, { core, actor }) => core.backups.applyImport(actor, input.importId),
  'vault.cancelImport': (input, { core, actor }) => {
    core.backups.cancelImport(actor, input.importId)
    return null
  },
  'settings.get': (_input, { core, actor }) => core.settings.get(actor),
  'settings.update': (input, { core, actor }) => {
    const updated = core.settings.update(actor, input)
    core.autoLock.rearm()
    return updated
  },
} satisfies Pick<HandlerTable, VaultChannels>

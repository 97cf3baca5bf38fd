/**
 * The add/edit entry form's rules, apart from the dialog so they can be tested alone:
 * what must be filled in, and which fields an edit actually changes (only those are sent,
 * so an untouched password is never re-sealed and never pushed into history).
 */
import type { VaultEntryDetail } from '@shared/ipc/contract'
import { normalizeTags, VAULT_LIMITS } from '@shared/policy/vault'
import type { VaultEntryFields } from './useVaultStore'

/** A type alias, not an interface: useForm takes a plain record of fields. */
export type EntryForm = {
  title: string
  /** '' = a cluster outside this workspace, reached by `endpoint`. */
  clusterId: string
  endpoint: string
  username: string
  password: string
  notes: string
  /** Comma-separated, as typed. */
  tags: string
}

export type EntryFormField = keyof EntryForm

export function emptyEntryForm(): EntryForm {
  return { title: '', clusterId: '', endpoint: '', username: '', password: '', notes: '', tags: '' }
}

export function formFromEntry(entry: VaultEntryDetail, notes: string): EntryForm {
  return {
    title: entry.title,
    clusterId: entry.clusterId ?? '',
    endpoint: entry.clusterId ? '' : entry.endpoint,
    username: entry.username,
    password: '',
    notes,
    tags: entry.tags.join(', '),
  }
}

export function parseTags(text: string): string[] {
  return normalizeTags(text.split(','))
}

const length = (text: string) => [...text].length

/** A message per field that cannot be saved as it is; empty when the form is fine. */
export function entryFormProblems(form: EntryForm, mode: 'add' | 'edit'): Partial<Record<EntryFormField, string>> {
  const problems: Partial<Record<EntryFormField, string>> = {}
  if (form.title.trim() === '') problems.title = 'Enter a title.'
  else if (length(form.title) > VAULT_LIMITS.titleMax) problems.title = `At most ${VAULT_LIMITS.titleMax} characters.`
  if (form.clusterId === '' && form.endpoint.trim() === '') problems.endpoint = 'Enter the endpoint, or choose a cluster.'
  else if (length(form.endpoint) > VAULT_LIMITS.endpointMax) problems.endpoint = `At most ${VAULT_LIMITS.endpointMax} characters.`
  if (form.username.trim() === '') problems.username = 'Enter the username.'
  else if (length(form.username) > VAULT_LIMITS.usernameMax) problems.username = `At most ${VAULT_LIMITS.usernameMax} characters.`
  if (mode === 'add' && form.password === '') problems.password = 'Enter the password.'
  else if (length(form.password) > VAULT_LIMITS.passwordMax) problems.password = `At most ${VAULT_LIMITS.passwordMax} characters.`
  if (length(form.notes) > VAULT_LIMITS.notesMax) problems.notes = `At most ${VAULT_LIMITS.notesMax} characters.`
  const tags = parseTags(form.tags)
  if (tags.length > VAULT_LIMITS.tagsMax) problems.tags = `At most ${VAULT_LIMITS.tagsMax} tags.`
  else if (tags.some((tag) => length(tag) > VAULT_LIMITS.tagMax)) problems.tags = `Each tag at most ${VAULT_LIMITS.tagMax} characters.`
  return problems
}

export function toNewEntry(form: EntryForm): VaultEntryFields {
  return {
    title: form.title.trim(),
    clusterId: form.clusterId === '' ? null : form.clusterId,
    endpoint: form.clusterId === '' ? form.endpoint.trim() : '',
    username: form.username.trim(),
    password: form.password,
    notes: form.notes,
    tags: parseTags(form.tags),
  }
}

/** Only what differs from the entry as opened; an empty password field means "keep it". */
export function changedFields(entry: VaultEntryDetail, originalNotes: string, form: EntryForm): Partial<VaultEntryFields> {
  const next = toNewEntry(form)
  const changes: Partial<VaultEntryFields> = {}
  if (next.title !== entry.title) changes.title = next.title
  if (next.clusterId !== entry.clusterId) changes.clusterId = next.clusterId
  if (next.clusterId === null && next.endpoint !== entry.endpoint) changes.endpoint = next.endpoint
  if (next.username !== entry.username) changes.username = next.username
  if (form.password !== '') changes.password = form.password
  if (form.notes !== originalNotes) changes.notes = form.notes
  if (next.tags.join('\n') !== entry.tags.join('\n')) changes.tags = next.tags
  return changes
}

/**
 * `ccred vault …`: the signed-in account's personal vault over the app's `vault.*`
 * channels. Listing and search read clear metadata only; a password is opened only by
 * `show --reveal` (audited as the app's "show"). Typed passwords and backup passphrases
 * come from a no-echo prompt, a file descriptor or a file, never from an argument.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { AppError } from '@shared/errors'
import type { VaultEntryDetail, VaultEntrySummary } from '@shared/ipc/contract'
import { VAULT_ENTRY_STATES, VAULT_LIMITS, VAULT_SORT_KEYS, type VaultEntryState, type VaultSortKey } from '@shared/policy/vault'
import {
  collect,
  fileDescriptor,
  onlyMatch,
  positiveInteger,
  printFacts,
  resolveCluster,
  typedSecretSource,
  withExamples,
  type GlobalOptions,
  type Run,
} from './common'
import { askYesNo, canAsk } from './confirm'
import { EXIT } from './exitCodes'
import { formatTime, type Output } from './output'
import { readSecret } from './secretInput'
import type { Call } from './types'

const ON_SCREEN_WARNING = 'Shown on screen: the password is now readable in this terminal and its scrollback. Clear it when you are done.'
const ENTRY_REF = 'vault entry id (vlt_…) or exact title'

interface ListOptions extends GlobalOptions {
  state?: VaultEntryState
  sort?: VaultSortKey
  desc?: boolean
}

interface TypedPasswordOptions {
  passwordFd?: number
  passwordFile?: string
  promptPassword?: boolean
}

interface EntryFieldOptions extends TypedPasswordOptions {
  title?: string
  username?: string
  cluster?: string
  endpoint?: string
  tag?: string[]
  notesFile?: string
}

interface BackupPassphraseOptions {
  backupPassphraseFd?: number
  backupPassphraseFile?: string
}

/** An entry named by id, or by its exact title (case-insensitive) among this account's entries. */
export async function resolveEntryId(call: Call, ref: string): Promise<string> {
  if (ref.startsWith('vlt_')) return ref
  const wanted = ref.trim().toLowerCase()
  // Narrowed by the title's own words first, so a large vault is not listed whole.
  const { entries } = await call('vault.list', { query: ref.slice(0, VAULT_LIMITS.queryMax) })
  const matches = entries.filter((entry) => entry.title.toLowerCase() === wanted)
  return onlyMatch(matches, `No vault entry titled "${ref}".`, `vault entries are titled "${ref}"`).id
}

function printEntries(out: Output, entries: VaultEntrySummary[], total: number): void {
  if (out.json) return out.document({ entries, total })
  out.table(
    ['TITLE', 'USERNAME', 'CLUSTER OR ENDPOINT', 'STATE', 'ID'],
    entries.map((entry) => [entry.title, entry.username, entry.clusterName ?? entry.endpoint, entry.state, entry.id]),
  )
  if (entries.length !== total) out.line(`${entries.length} of ${total} entries.`)
}

function printEntry(out: Output, entry: VaultEntryDetail): void {
  out.line(`${entry.title} (${entry.id})`)
  const source = entry.source
    ? `${entry.origin}; password ${entry.source.event} by ${entry.source.byName}, ${formatTime(entry.source.at)}`
    : entry.origin
  printFacts(out, [
    ['Username', entry.username],
    ['Cluster', entry.clusterName === null ? null : `${entry.clusterName} (${entry.clusterId ?? ''})`],
    ['Endpoint', entry.endpoint],
    ['Role', entry.clusterRole],
    ['State', entry.state],
    ['Origin', source],
    ['Tags', entry.tags.join(', ')],
    ['Notes', entry.hasNotes ? 'yes (show with --notes)' : 'none'],
    [
      'History',
      entry.history.length === 0
        ? 'no earlier passwords'
        : `${entry.history.map(({ index, replacedAt }) => `${index}: replaced ${formatTime(replacedAt) || 'at an unknown time'}`).join('; ')} (show with --history <n>)`,
    ],
    ['Created', formatTime(entry.createdAt)],
    ['Updated', formatTime(entry.updatedAt)],
  ])
}

function typedPasswordSource(options: TypedPasswordOptions, prompt: string) {
  return typedSecretSource(
    { fd: options.passwordFd, file: options.passwordFile, prompt: options.promptPassword },
    { fd: '--password-fd', file: '--password-file', prompt: '--prompt-password' },
    prompt,
  )
}

function addTypedPasswordOptions(command: Command, promptHelp: string): Command {
  return command
    .addOption(new Option('--password-fd <n>', 'read the password from file descriptor <n>').argParser(fileDescriptor))
    .option('--password-file <path>', 'read the password from the first line of <path>')
    .option('--prompt-password', promptHelp)
}

function addBackupPassphraseOptions(command: Command): Command {
  return command
    .addOption(new Option('--backup-passphrase-fd <n>', 'read the backup passphrase from file descriptor <n>').argParser(fileDescriptor))
    .option('--backup-passphrase-file <path>', 'read the backup passphrase from the first line of <path>')
}

/** The backup passphrase: fd, file, or a no-echo prompt (typed twice when it protects a new file). */
async function readBackupPassphrase(options: BackupPassphraseOptions, confirmNew: boolean): Promise<string> {
  const names = { fd: '--backup-passphrase-fd', file: '--backup-passphrase-file' }
  const given = typedSecretSource({ fd: options.backupPassphraseFd, file: options.backupPassphraseFile }, names, '')
  if (given) return readSecret(given, 'backup passphrase')
  const hint = `Use ${names.fd} <n> or ${names.file} <path>.`
  const passphrase = await readSecret({ kind: 'prompt', prompt: 'Backup passphrase (typing is hidden): ', hint }, 'backup passphrase')
  if (confirmNew) {
    const again = await readSecret({ kind: 'prompt', prompt: 'The same backup passphrase again: ', hint }, 'backup passphrase')
    if (again !== passphrase) throw new AppError('INVALID_INPUT', 'The two backup passphrases differ. Nothing was exported.')
  }
  return passphrase
}

function readNotesFile(path: string | undefined): string | undefined {
  if (path === undefined) return undefined
  try {
    if (statSync(path).size > VAULT_LIMITS.notesMax * 4) throw new Error('too large')
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '')
  } catch {
    throw new AppError('INVALID_INPUT', `Cannot read the notes file "${path}" (at most ${VAULT_LIMITS.notesMax} characters).`, {
      field: 'notes',
    })
  }
}

export function registerVaultCommands(program: Command, run: Run): void {
  const vault = withExamples(
    program.command('vault').description('your personal vault: list, search, show, add, edit, rm, export, import'),
    ['ccred vault search orders', 'ccred vault show "orders reader" --reveal', 'ccred vault add --title "orders reader" --username reader'],
  )

  const addListOptions = (command: Command) =>
    command
      .addOption(new Option('--state <state>', 'only entries in this state').choices(VAULT_ENTRY_STATES))
      .addOption(new Option('--sort <key>', 'sort by').choices(VAULT_SORT_KEYS).default('title'))
      .option('--desc', 'sort descending')
  const listInput = (options: ListOptions, query?: string) => ({
    ...(query === undefined ? {} : { query }),
    sort: { by: options.sort ?? 'title', direction: options.desc ? ('desc' as const) : ('asc' as const) },
    ...(options.state === undefined ? {} : { state: options.state }),
  })

  withExamples(addListOptions(vault.command('list')).description('your vault entries (metadata only; no secret is opened)'), [
    'ccred vault list',
    'ccred vault list --state outdated --json',
    'ccred vault list --sort updatedAt --desc',
  ]).action(
    run(async ({ call }, out, options: ListOptions) => {
      const { entries, total } = await call('vault.list', listInput(options))
      printEntries(out, entries, total)
    }),
  )

  withExamples(
    addListOptions(vault.command('search'))
      .argument('<terms...>', 'words that must all occur in the title, username, cluster, endpoint or tags')
      .description('entries matching every term (accents and case ignored; metadata only)'),
    ['ccred vault search orders reader', 'ccred --json vault search prod'],
  ).action(
    run(async ({ call }, out, options: ListOptions, terms: string[]) => {
      const query = terms.join(' ')
      if (query.length > VAULT_LIMITS.queryMax) {
        throw new AppError('INVALID_INPUT', `Search for at most ${VAULT_LIMITS.queryMax} characters.`, { field: 'query' })
      }
      const { entries, total } = await call('vault.list', listInput(options, query))
      printEntries(out, entries, total)
    }),
  )

  withExamples(
    vault
      .command('show')
      .argument('<entry>', ENTRY_REF)
      .addOption(
        new Option('--history <n>', `with --reveal: the n-th earlier password (1-${VAULT_LIMITS.historyKept})`).argParser(positiveInteger),
      )
      .option('--notes', 'also show the notes')
      .description('one entry: metadata, and the password only with --reveal (audited)'),
    [
      'ccred vault show "orders reader"',
      'ccred vault show vlt_0123… --reveal',
      'ccred --json --reveal vault show "orders reader" --history 1',
    ],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { history?: number; notes?: boolean }, ref: string) => {
      if (options.history !== undefined && !options.reveal) throw new AppError('INVALID_INPUT', '--history shows a password: add --reveal.')
      const entryId = await resolveEntryId(call, ref)
      const entry = await call('vault.get', { entryId })
      const revealed = options.reveal
        ? await call('vault.revealPassword', { entryId, ...(options.history === undefined ? {} : { historyIndex: options.history }) })
        : null
      const notes = options.notes ? (await call('vault.revealNotes', { entryId })).notes : null
      if (out.json) {
        return out.document({
          entry,
          ...(revealed ? { password: revealed.password, replacedAt: revealed.replacedAt } : {}),
          ...(notes === null ? {} : { notes }),
        })
      }
      printEntry(out, entry)
      if (notes !== null) {
        out.line('  Notes:')
        for (const line of notes.split('\n')) out.line(`    ${line}`)
      }
      if (revealed) {
        if (out.stdoutIsTty) out.line(ON_SCREEN_WARNING)
        const which = options.history === undefined ? 'Password' : `Password ${options.history} back`
        out.line(`  ${which}: ${revealed.password}`)
        if (revealed.replacedAt !== null) out.line(`  Replaced: ${formatTime(revealed.replacedAt)}`)
      }
    }),
  )

  const addEntryOptions = (command: Command) =>
    command
      .option('--cluster <cluster>', 'a cluster of this workspace (name or id); the password is checked once against it')
      .option('--endpoint <url>', 'endpoint of a cluster outside this workspace')
      .option('--tag <tag>', 'a tag, repeatable', collect)
      .option('--notes-file <path>', 'notes, read from a file (notes may be sensitive: never an argument)')

  withExamples(
    addTypedPasswordOptions(
      addEntryOptions(
        vault
          .command('add')
          .requiredOption('--title <title>', 'entry title')
          .requiredOption('--username <username>', 'username of the credential'),
      ),
      'read the password at a no-echo prompt (the default)',
    ).description('keep a credential you already have; the password is read without echo (or from --password-fd / --password-file)'),
    [
      'ccred vault add --title "orders reader" --username reader --cluster orders-prod',
      'ccred vault add --title "partner staging" --username svc --endpoint https://partner.example:19530 --password-fd 4 4< pw.txt',
    ],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & EntryFieldOptions & { title: string; username: string }) => {
      const source = typedPasswordSource(options, 'Password to keep (typing is hidden): ') ?? {
        kind: 'prompt' as const,
        prompt: 'Password to keep (typing is hidden): ',
        hint: 'Use --password-fd <n> or --password-file <path>.',
      }
      const notes = readNotesFile(options.notesFile) ?? ''
      const password = await readSecret(source, 'password')
      const clusterId = options.cluster === undefined ? null : (await resolveCluster(call, options.cluster)).id
      const entry = await call('vault.add', {
        title: options.title,
        clusterId,
        endpoint: options.endpoint ?? '',
        username: options.username,
        password,
        notes,
        tags: options.tag ?? [],
      })
      if (out.json) return out.document({ entry })
      out.line(`Kept "${entry.title}" in your vault (${entry.id}), ${entry.state}.`)
    }),
  )

  withExamples(
    addTypedPasswordOptions(
      addEntryOptions(
        vault
          .command('edit')
          .argument('<entry>', ENTRY_REF)
          .option('--title <title>', 'new title')
          .option('--username <username>', 'new username'),
      )
        .option('--unlink-cluster', 'no longer tie the entry to a workspace cluster')
        .option('--clear-tags', 'remove every tag (with --tag: replace them)')
        .option('--clear-notes', 'remove the notes'),
      'enter a new password at a no-echo prompt',
    ).description('change an entry; only what you give changes, and a new password moves the old one into its history'),
    [
      'ccred vault edit "orders reader" --title "orders reader (prod)"',
      'ccred vault edit vlt_0123… --prompt-password',
      'ccred vault edit "orders reader" --clear-tags --tag prod --tag orders',
    ],
  ).action(
    run(
      async (
        { call },
        out,
        options: GlobalOptions & EntryFieldOptions & { unlinkCluster?: boolean; clearTags?: boolean; clearNotes?: boolean },
        ref: string,
      ) => {
        if (options.unlinkCluster && options.cluster !== undefined) {
          throw new AppError('INVALID_INPUT', 'Give --cluster or --unlink-cluster, not both.')
        }
        if (options.clearNotes && options.notesFile !== undefined) {
          throw new AppError('INVALID_INPUT', 'Give --notes-file or --clear-notes, not both.')
        }
        const source = typedPasswordSource(options, 'New password (typing is hidden): ')
        const notes = options.clearNotes ? '' : readNotesFile(options.notesFile)
        const password = source ? await readSecret(source, 'password') : undefined
        const entryId = await resolveEntryId(call, ref)
        const clusterId = options.unlinkCluster
          ? null
          : options.cluster === undefined
            ? undefined
            : (await resolveCluster(call, options.cluster)).id
        const tags = options.clearTags ? (options.tag ?? []) : options.tag
        const changes = {
          ...(options.title === undefined ? {} : { title: options.title }),
          ...(options.username === undefined ? {} : { username: options.username }),
          ...(clusterId === undefined ? {} : { clusterId }),
          ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
          ...(password === undefined ? {} : { password }),
          ...(notes === undefined ? {} : { notes }),
          ...(tags === undefined ? {} : { tags }),
        }
        if (Object.keys(changes).length === 0) throw new AppError('INVALID_INPUT', 'Nothing to change: give at least one option.')
        const entry = await call('vault.update', { entryId, ...changes })
        if (out.json) return out.document({ entry })
        out.line(`Updated "${entry.title}" (${entry.id})${password === undefined ? '' : '; the previous password is in its history'}.`)
      },
    ),
  )

  withExamples(
    vault
      .command('rm')
      .argument('<entry>', ENTRY_REF)
      .option('--yes', 'delete without asking (needed when not at a terminal)')
      .description('delete an entry and its password history'),
    ['ccred vault rm "old staging"', 'ccred vault rm vlt_0123… --yes'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { yes?: boolean }, ref: string) => {
      if (!options.yes && !canAsk()) {
        throw new AppError('INVALID_INPUT', 'Deleting needs confirmation: pass --yes (not at a terminal). Nothing was deleted.')
      }
      const entryId = await resolveEntryId(call, ref)
      const entry = await call('vault.get', { entryId })
      if (!options.yes && !(await askYesNo(`Delete "${entry.title}" (${entry.username}) and its password history?`))) {
        out.error({ code: 'INVALID_INPUT', message: 'Not confirmed. Nothing was deleted.' })
        return EXIT.invalidInput
      }
      await call('vault.remove', { entryId })
      if (out.json) return out.document({ removed: { entryId, title: entry.title } })
      out.line(`Deleted "${entry.title}" (${entryId}).`)
    }),
  )

  withExamples(
    addBackupPassphraseOptions(
      vault
        .command('export')
        .option('--output <file>', 'the backup file to create (default: vault-backup-<date>.age here); never overwritten'),
    ).description('the whole vault as one age file (owner-only) under a backup passphrase; `age -d` opens it anywhere'),
    ['ccred vault export', 'ccred vault export --output ~/backups/vault.age --backup-passphrase-file ~/.config/cc-backup-pass'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & BackupPassphraseOptions & { output?: string }) => {
      if (options.output !== undefined) assertFree(options.output)
      const passphrase = await readBackupPassphrase(options, true)
      const backup = await call('vault.exportBackup', { passphrase })
      const file = resolve(options.output ?? backup.fileName)
      assertFree(file)
      try {
        writeFileSync(file, backup.armored, { mode: 0o600, flag: 'wx' })
      } catch {
        throw new AppError('INVALID_INPUT', `Cannot write "${file}". Nothing was saved.`, { field: 'output' })
      }
      const bytes = Buffer.byteLength(backup.armored)
      if (out.json) return out.document({ file, bytes, entryCount: backup.entryCount, unreadable: backup.unreadable })
      out.line(`Wrote ${file}: ${backup.entryCount} entries, ${bytes} bytes, readable by you only.`)
      if (backup.unreadable > 0) out.line(`${backup.unreadable} damaged entries could not be read and are not in the file.`)
      out.line('Without the backup passphrase nobody can open it, you included. Keep the passphrase apart from the file.')
    }),
  )

  withExamples(
    addBackupPassphraseOptions(
      vault
        .command('import')
        .argument('<file>', 'a vault backup (.age, armored or binary)')
        .option('--yes', 'apply the plan without asking (needed when not at a terminal)'),
    ).description('preview what a backup would add, update or skip, then apply it on --yes (or when confirmed at a terminal)'),
    ['ccred vault import vault-backup-2026-12-02.age', 'ccred --json vault import backup.age --backup-passphrase-fd 4 --yes 4< pass.txt'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & BackupPassphraseOptions & { yes?: boolean }, file: string) => {
      const bytes = readBackupFile(file)
      const passphrase = await readBackupPassphrase(options, false)
      const preview = await call('vault.previewImport', { fileBase64: bytes.toString('base64'), passphrase })
      const { importId } = preview
      // The plan without main's handle on it: what a script needs to decide.
      const plan = { added: preview.added, updated: preview.updated, skipped: preview.skipped, items: preview.items }
      if (!out.json) {
        out.line(`Import preview: ${plan.added} to add, ${plan.updated} to update, ${plan.skipped} to skip.`)
        out.table(
          ['ACTION', 'TITLE', 'USERNAME', 'ENDPOINT', 'REASON'],
          plan.items.map((item) => [item.action, item.title, item.username, item.endpoint, item.reason]),
        )
      }
      const changes = plan.added + plan.updated
      const apply = changes > 0 && (options.yes || (canAsk() && (await askYesNo(`Apply: add ${plan.added}, update ${plan.updated}?`))))
      if (!apply) {
        await call('vault.cancelImport', { importId })
        if (out.json) return out.document({ preview: plan, applied: null })
        if (changes === 0) out.line('Nothing to import: every entry is already in your vault.')
        else process.stderr.write('Preview only: nothing was imported. Run again with --yes to apply.\n')
        return
      }
      const applied = await call('vault.applyImport', { importId })
      if (out.json) return out.document({ preview: plan, applied })
      out.line(`Imported: ${applied.added} added, ${applied.updated} updated, ${applied.skipped} skipped.`)
    }),
  )
}

function assertFree(path: string): void {
  if (existsSync(path)) {
    throw new AppError('ALREADY_EXISTS', `"${path}" already exists; choose another --output. Nothing was exported.`, { field: 'output' })
  }
}

function readBackupFile(path: string): Buffer {
  try {
    if (statSync(path).size > VAULT_LIMITS.backupMaxBytes) throw new Error('too large')
    return readFileSync(path)
  } catch {
    throw new AppError('INVALID_INPUT', `Cannot read the backup file "${path}" (at most ${VAULT_LIMITS.backupMaxBytes} bytes).`, {
      field: 'file',
    })
  }
}

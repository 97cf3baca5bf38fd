/**
 * What the command groups share: global options, option parsers, secret sources, how a
 * show-once password is settled (printed, kept in the vault or wiped unseen), and how
 * names people type become the ids the contract takes.
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import { AppError } from '@shared/errors'
import type { Cluster, PasswordChoice, RevealTicket } from '@shared/ipc/contract'
import type { Output } from './output'
import { readSecret, type SecretSource } from './secretInput'
import type { Call, SignedIn } from './types'

export const SHOWN_ONCE_PASSWORD = 'Shown only once: the password will not be displayed again. Note it down and store it securely.'

export interface GlobalOptions {
  dataDir?: string
  email?: string
  passphraseFd?: number
  passphraseFile?: string
  json?: boolean
  reveal?: boolean
}

export interface PasswordOptions {
  length?: number
  avoidLookAlikes?: boolean
  passwordFd?: number
  passwordFile?: string
  promptPassword?: boolean
}

export interface KeepOptions {
  keep?: boolean
  keepTitle?: string
}

/** The body of a command: runs signed in, prints through `out`, returns an exit code or nothing (0). */
export type Work<O, A extends unknown[]> = (signedIn: SignedIn, out: Output, options: O, ...args: A) => Promise<number | void>

/** Wraps a command body into a commander action that signs in, runs it and maps errors to exit codes. */
export type Run = <O extends GlobalOptions, A extends unknown[]>(
  work: Work<O, A>,
) => (...args: [...A, Record<string, unknown>, Command]) => Promise<void>

export function fileDescriptor(value: string): number {
  const fd = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(fd)) throw new InvalidArgumentError('Expected a file descriptor number, e.g. 3.')
  return fd
}

export function positiveInteger(value: string): number {
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.')
  return number
}

/** For repeatable options: `--tag a --tag b` gives ['a', 'b']. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n`)
}

export function addPasswordOptions(command: Command): Command {
  return command
    .addOption(new Option('--length <n>', 'length of the generated password (8-64)').argParser(positiveInteger))
    .option('--avoid-look-alikes', 'generate without look-alike characters (0/O, 1/l/I)')
    .addOption(new Option('--password-fd <n>', 'use a typed password read from file descriptor <n>').argParser(fileDescriptor))
    .option('--password-file <path>', 'use a typed password read from the first line of <path>')
    .option('--prompt-password', 'use a typed password entered at a no-echo prompt')
}

/** `--keep` on every command that produces a new password. */
export function addKeepOptions(command: Command): Command {
  return command
    .option('--keep', 'keep the new password in your vault instead of printing it (main copies it; it is never printed)')
    .option('--keep-title <title>', 'title of the kept vault entry (default: "<username> on <cluster>")')
}

/** A typed secret's source, or undefined when none of the options was given. */
export function typedSecretSource(
  options: { fd?: number | undefined; file?: string | undefined; prompt?: boolean | undefined },
  names: { fd: string; file: string; prompt?: string },
  promptText: string,
): SecretSource | undefined {
  const sources: SecretSource[] = []
  if (options.fd !== undefined) sources.push({ kind: 'fd', fd: options.fd })
  if (options.file !== undefined) sources.push({ kind: 'file', path: options.file })
  if (options.prompt) sources.push({ kind: 'prompt', prompt: promptText, hint: `Use ${names.fd} <n> or ${names.file} <path>.` })
  if (sources.length > 1) {
    const given = [names.fd, names.file, ...(names.prompt ? [names.prompt] : [])].join(', ')
    throw new AppError('INVALID_INPUT', `Give only one of ${given}.`)
  }
  return sources[0]
}

/** The app's password choice: generated in core by default, or typed from a safe source. */
export async function passwordChoice(options: PasswordOptions): Promise<PasswordChoice> {
  const source = typedSecretSource(
    { fd: options.passwordFd, file: options.passwordFile, prompt: options.promptPassword },
    { fd: '--password-fd', file: '--password-file', prompt: '--prompt-password' },
    'New password (typing is hidden): ',
  )
  if (source) {
    if (options.length !== undefined || options.avoidLookAlikes) {
      throw new AppError('INVALID_INPUT', '--length and --avoid-look-alikes apply to generated passwords, not typed ones.')
    }
    return { mode: 'typed', password: await readSecret(source, 'password') }
  }
  return {
    mode: 'generate',
    ...(options.length === undefined ? {} : { length: options.length }),
    ...(options.avoidLookAlikes ? { avoidLookAlikes: true } : {}),
  }
}

/** Whether a new secret may be printed: a person at a terminal, or an explicit --reveal. */
export function mayPrintSecret(out: Output, options: GlobalOptions): boolean {
  return Boolean(options.reveal) || (!out.json && out.stdoutIsTty)
}

/** Said on stderr when a new secret is wiped unseen; `keepable` secrets (passwords) can also be kept with --keep. */
export function notPrinted(keepable: boolean): string {
  return `The new secret was not printed: stdout is not a terminal (or --json). Pass --reveal to print it${
    keepable ? ', or --keep to keep it in your vault' : ''
  }; it cannot be shown later.`
}

/** Checked before anything changes: `--keep` means "instead of printing", so it excludes --reveal. */
export function assertKeepChoice(options: GlobalOptions & KeepOptions): void {
  if (options.keep && options.reveal) {
    throw new AppError(
      'INVALID_INPUT',
      '--keep keeps the password in your vault instead of printing it: give --keep or --reveal, not both.',
    )
  }
  if (options.keepTitle !== undefined && !options.keep) throw new AppError('INVALID_INPUT', '--keep-title needs --keep.')
}

/** What a command reports about a new password (README "Command line", `Credential`). */
export type SettledPassword =
  | { passwordShown: false }
  | { passwordShown: true; password: string }
  | { passwordShown: false; keptAs: { entryId: string; title: string } }

/**
 * Settles a show-once ticket through the app's own channels: with --keep, main copies the
 * password into the vault (vault.keepFromReveal) and it is never printed; otherwise it is
 * opened and printed once when it may be (a terminal, or --reveal), else wiped unseen.
 * The ticket is dismissed in every case, so its bytes are wiped before the command ends.
 */
export async function settleReveal(
  call: Call,
  out: Output,
  options: GlobalOptions & KeepOptions,
  ticket: RevealTicket,
): Promise<SettledPassword> {
  const dismiss = () => call('reveal.dismiss', { ticketId: ticket.ticketId }).catch(() => null)
  if (options.keep) {
    try {
      const entry = await call('vault.keepFromReveal', {
        ticketId: ticket.ticketId,
        ...(options.keepTitle === undefined ? {} : { title: options.keepTitle }),
      })
      if (!out.json) {
        out.line(`Kept in your vault as "${entry.title}" (${entry.id}); the password was not printed.`)
        out.line(`  Show it later with: ccred vault show ${entry.id} --reveal`)
      }
      return { passwordShown: false, keptAs: { entryId: entry.id, title: entry.title } }
    } finally {
      await dismiss()
    }
  }
  if (!mayPrintSecret(out, options)) {
    await dismiss()
    if (!out.json) process.stderr.write(`${notPrinted(true)}\n`)
    return { passwordShown: false }
  }
  try {
    const revealed = await call('reveal.open', { ticketId: ticket.ticketId })
    if (!out.json) {
      out.line(SHOWN_ONCE_PASSWORD)
      out.line(`  Cluster:  ${revealed.clusterName}`)
      out.line(`  Endpoint: ${revealed.endpoint}`)
      out.line(`  Username: ${revealed.username}`)
      out.line(`  Password: ${revealed.password}`)
    }
    return { passwordShown: true, password: revealed.password }
  } finally {
    await dismiss()
  }
}

// ---------- resolving names people type to the ids the contract takes ----------

export async function resolveProjectId(call: Call, ref: string): Promise<string> {
  if (ref.startsWith('prj_')) return ref
  const matches = (await call('projects.list', {})).filter((project) => project.name.toLowerCase() === ref.trim().toLowerCase())
  if (matches.length === 0) throw new AppError('NOT_FOUND', `No project named "${ref}" that you can see.`)
  return matches[0]!.id
}

export async function resolveCluster(call: Call, ref: string): Promise<Cluster> {
  if (ref.startsWith('cls_')) return call('clusters.get', { clusterId: ref })
  const matches = (await call('clusters.list', {})).filter((cluster) => cluster.name.toLowerCase() === ref.trim().toLowerCase())
  return onlyMatch(matches, `No cluster named "${ref}" that you can see.`, `clusters are named "${ref}"`)
}

export async function resolveAccountId(call: Call, ref: string): Promise<string> {
  if (ref.startsWith('acc_')) return ref
  const member = (await call('members.list', {})).find((candidate) => candidate.email.toLowerCase() === ref.trim().toLowerCase())
  if (!member) throw new AppError('NOT_FOUND', `No member with the email "${ref}".`)
  return member.id
}

/** The one match, NOT_FOUND for none, INVALID_INPUT naming the ids for several. */
export function onlyMatch<T extends { id: string }>(matches: readonly T[], notFound: string, several: string): T {
  if (matches.length === 0) throw new AppError('NOT_FOUND', notFound)
  if (matches.length > 1) {
    throw new AppError(
      'INVALID_INPUT',
      `${matches.length} ${several}; give the id instead (${matches.map((match) => match.id).join(', ')}).`,
    )
  }
  return matches[0]!
}

/** "Key:   value" lines for a detail view; empty values are left out. */
export function printFacts(out: Output, facts: ReadonlyArray<readonly [string, string | null | undefined]>): void {
  const shown = facts.filter((fact): fact is readonly [string, string] => fact[1] !== null && fact[1] !== undefined && fact[1] !== '')
  const width = Math.max(...shown.map(([key]) => key.length)) + 1
  for (const [key, value] of shown) out.line(`  ${`${key}:`.padEnd(width)} ${value}`)
}

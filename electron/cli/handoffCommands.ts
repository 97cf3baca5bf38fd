/**
 * `ccred handoff …`: passing a password to someone over the app's handoff channels. The
 * password never passes through the command line's arguments: `send` names a vault entry
 * and main seals its password itself; `open` puts the received password into a show-once
 * ticket, printed once like a new password (or kept in the vault with --keep). Cards,
 * fingerprints, age recipients and sealed .age files are public material and may be
 * arguments or files.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Option, type Command } from 'commander'
import { LIMITS } from '@shared/domain'
import { AppError } from '@shared/errors'
import { FINGERPRINT_DIGITS, normalizeFingerprint } from '@shared/policy/fingerprint'
import type { Contact, HandoffOpenOutcome } from '@shared/ipc/contract'
import {
  addKeepOptions,
  assertKeepChoice,
  collect,
  mayPrintSecret,
  onlyMatch,
  positiveInteger,
  printFacts,
  settleReveal,
  withExamples,
  type GlobalOptions,
  type KeepOptions,
  type Run,
} from './common'
import { askYesNo, canAsk } from './confirm'
import { EXIT } from './exitCodes'
import { formatTime, type Output } from './output'
import type { Call } from './types'
import { resolveEntryId } from './vaultCommands'

const HOUR_MS = 60 * 60 * 1000
const DEFAULT_EXPIRY_HOURS = LIMITS.handoffDefaultTtlMs / HOUR_MS
const MAX_EXPIRY_HOURS = LIMITS.handoffMaxTtlMs / HOUR_MS
const INBOX_ID = /^[0-9a-f]{32}$/

/** A contact by id, or by name or email (case-insensitive). */
async function resolveContact(call: Call, ref: string): Promise<Contact> {
  const contacts = await call('contacts.list', {})
  const byId = contacts.find((contact) => contact.id === ref)
  if (byId) return byId
  const wanted = ref.trim().toLowerCase()
  const matches = contacts.filter((contact) => contact.name.toLowerCase() === wanted || contact.email?.toLowerCase() === wanted)
  return onlyMatch(matches, `No contact named "${ref}". List them with: ccred handoff contacts list`, `contacts match "${ref}"`)
}

/** The 60 digits as the app writes them (12 groups of 5), from however they were typed; null if they are not 60 digits. */
/** Public text (a card or a sealed handoff) from a file, or from stdin for "-". */
function readPublicText(source: string, what: string): string {
  try {
    const path = source === '-' ? 0 : source
    if (path !== 0 && statSync(path).size > LIMITS.handoffTextMaxLength * 4) throw new Error('too large')
    return readFileSync(path, 'utf8')
  } catch {
    throw new AppError('INVALID_INPUT', `Cannot read the ${what} from "${source}".`)
  }
}

function contactKind(contact: Contact): string {
  if (contact.kind === 'member') return 'member'
  if (contact.kind === 'external') return 'external age'
  return contact.verified ? 'card, verified' : 'card, UNVERIFIED'
}

function printContact(out: Output, contact: Contact): void {
  out.line(`${contact.name}${contact.email ? ` <${contact.email}>` : ''} (${contact.id})`)
  printFacts(out, [
    ['Kind', contactKind(contact)],
    ['Fingerprint', contact.fingerprint],
    ['Recipient', contact.ageRecipient],
  ])
}

function printSender(out: Output, sender: { name: string; email: string; fingerprint: string; verified: boolean }): void {
  out.line(`Handoff from ${sender.name} <${sender.email}>${sender.verified ? '' : ' (not a verified contact)'}`)
}

export function registerHandoffCommands(program: Command, run: Run): void {
  const handoff = withExamples(
    program.command('handoff').description('pass a password to someone, sealed to their key: card, contacts, send, inbox, open'),
    ['ccred handoff card --output me.card', 'ccred handoff send --entry "orders reader" --to rae@acme.example', 'ccred handoff inbox'],
  )

  withExamples(
    handoff
      .command('card')
      .option('--output <file>', 'write the card text to <file> instead of printing it')
      .description('your contact card, for the people who send you handoffs (public: a key and a signing key)'),
    ['ccred handoff card', 'ccred handoff card --output ada.card', 'ccred --json handoff card'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { output?: string }) => {
      const { qr: _qr, ...card } = await call('contacts.myCard', {})
      if (options.output !== undefined) {
        try {
          writeFileSync(options.output, `${card.text}\n`, { mode: 0o644 })
        } catch {
          throw new AppError('INVALID_INPUT', `Cannot write "${options.output}".`, { field: 'output' })
        }
      }
      if (out.json) return out.document({ card, ...(options.output === undefined ? {} : { file: resolve(options.output) }) })
      out.line(`${card.name} <${card.email}>`)
      out.line(`Fingerprint (compare it aloud with whoever imports this card): ${card.fingerprint}`)
      if (options.output === undefined) {
        out.line('Card:')
        out.line(card.text)
      } else out.line(`Wrote the card to ${options.output}.`)
    }),
  )

  // --- contacts ---
  const contacts = withExamples(handoff.command('contacts').description('people you can hand off to: list, import, add-external, verify'), [
    'ccred handoff contacts list',
    'ccred handoff contacts import bob.card',
  ])
  withExamples(contacts.command('list').description('members of this workspace and your own contacts'), [
    'ccred handoff contacts list',
    'ccred --json handoff contacts list',
  ]).action(
    run(async ({ call }, out) => {
      const list = await call('contacts.list', {})
      if (out.json) return out.document({ contacts: list })
      out.table(
        ['NAME', 'EMAIL', 'KIND', 'FINGERPRINT OR RECIPIENT', 'ID'],
        list.map((contact) => [
          contact.name,
          contact.email ?? '',
          contactKind(contact),
          contact.fingerprint ?? contact.ageRecipient,
          contact.id,
        ]),
      )
    }),
  )
  withExamples(
    contacts
      .command('import')
      .argument('[file]', 'a card file, or - for standard input')
      .option('--text <card>', 'the card text itself')
      .description('import a contact card; it stays unverified until you compare fingerprints (contacts verify)'),
    ['ccred handoff contacts import bob.card', 'pbpaste | ccred handoff contacts import -'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { text?: string }, file: string | undefined) => {
      if ((file === undefined) === (options.text === undefined))
        throw new AppError('INVALID_INPUT', 'Give a card file (or -) or --text, one of them.')
      const text = options.text ?? readPublicText(file!, 'card')
      const contact = await call('contacts.importCard', { text: text.trim() })
      if (out.json) return out.document({ contact })
      out.line('Imported, unverified:')
      printContact(out, contact)
      out.line(`Compare it with ${contact.name} by phone or in person, then: ccred handoff contacts verify ${contact.id}`)
    }),
  )
  withExamples(
    contacts
      .command('add-external')
      .requiredOption('--name <name>', 'who they are')
      .requiredOption('--recipient <age1…>', 'their age recipient, as age-keygen prints it')
      .description('someone using age itself: handoffs to them are .age files they decrypt with age -d'),
    ['ccred handoff contacts add-external --name "Partner ops" --recipient age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq'],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { name: string; recipient: string }) => {
      const contact = await call('contacts.addExternal', { name: options.name, ageRecipient: options.recipient })
      if (out.json) return out.document({ contact })
      out.line('Added:')
      printContact(out, contact)
      out.line('Expiry and single use cannot be enforced for them: age opens a file any number of times.')
    }),
  )
  withExamples(
    contacts
      .command('verify')
      .argument('<contact>', 'contact name, email or id')
      .option('--fingerprint <digits>', 'the 60 digits they read to you; verified only if they match')
      .option('--unverify', 'mark the contact unverified again')
      .description('mark an imported card verified after comparing its fingerprint with its owner (exit 9 when it does not match)'),
    [
      'ccred handoff contacts verify bob@partner.example',
      'ccred handoff contacts verify bob@partner.example --fingerprint "12345 67890 …"',
      'ccred handoff contacts verify bob@partner.example --unverify',
    ],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & { fingerprint?: string; unverify?: boolean }, ref: string) => {
      if (options.unverify && options.fingerprint !== undefined)
        throw new AppError('INVALID_INPUT', 'Give --fingerprint or --unverify, not both.')
      const contact = await resolveContact(call, ref)
      if (contact.kind !== 'card' || contact.fingerprint === null) {
        throw new AppError('INVALID_INPUT', 'Only imported contact cards are verified by comparing fingerprints.', { field: 'contact' })
      }
      let verified = !options.unverify
      if (verified) {
        if (options.fingerprint !== undefined) {
          const typed = normalizeFingerprint(options.fingerprint)
          if (typed === null)
            throw new AppError('INVALID_INPUT', `A fingerprint is ${FINGERPRINT_DIGITS} digits.`, { field: 'fingerprint' })
          if (typed !== contact.fingerprint) {
            out.error({
              code: 'INVALID_INPUT',
              message: `The fingerprint does not match ${contact.name}'s card. Do not verify it: the card may not be theirs.`,
            })
            return EXIT.checkFailed
          }
        } else if (canAsk()) {
          process.stderr.write(`${contact.name}${contact.email ? ` <${contact.email}>` : ''}\nFingerprint: ${contact.fingerprint}\n`)
          verified = await askYesNo(`Did ${contact.name} read you exactly these digits?`)
          if (!verified) {
            out.error({ code: 'INVALID_INPUT', message: 'Not confirmed. The contact stays unverified.' })
            return EXIT.checkFailed
          }
        } else {
          throw new AppError('INVALID_INPUT', 'Give --fingerprint <the digits they read to you> (not at a terminal).', {
            field: 'fingerprint',
          })
        }
      }
      const updated = await call('contacts.setVerified', { contactId: contact.id, verified })
      if (out.json) return out.document({ contact: updated })
      out.line(`${updated.name} is now ${updated.verified ? 'verified' : 'unverified'}.`)
    }),
  )

  // --- send, inbox, open ---
  withExamples(
    handoff
      .command('send')
      .requiredOption('--entry <entry>', 'the vault entry whose password to hand off (id or exact title)')
      .requiredOption('--to <contact>', 'a recipient (name, email or id), repeatable', collect)
      .addOption(
        new Option('--expires <hours>', `hours until it expires (1-${MAX_EXPIRY_HOURS})`)
          .argParser(positiveInteger)
          .default(DEFAULT_EXPIRY_HOURS),
      )
      .option('--note <text>', 'a note sealed with the password (visible to ps: use --note-file for anything private)')
      .option('--note-file <path>', 'the note, read from a file')
      .option('--output-dir <dir>', 'where files for non-members are written (owner-only .age files)', '.')
      .description("seal a vault entry's password to recipients: members get it in their inbox, anyone else an armored .age file"),
    [
      'ccred handoff send --entry "orders reader" --to rae@acme.example',
      'ccred handoff send --entry vlt_0123… --to "Partner ops" --expires 4 --output-dir ./outgoing',
    ],
  ).action(
    run(
      async (
        { call },
        out,
        options: GlobalOptions & { entry: string; to: string[]; expires: number; note?: string; noteFile?: string; outputDir: string },
      ) => {
        if (options.note !== undefined && options.noteFile !== undefined)
          throw new AppError('INVALID_INPUT', 'Give --note or --note-file, not both.')
        const note =
          options.noteFile === undefined ? (options.note ?? null) : readPublicText(options.noteFile, 'note').replace(/\r?\n$/, '')
        const outputDir = resolve(options.outputDir)
        if (!existsSync(outputDir) || !statSync(outputDir).isDirectory()) {
          throw new AppError('INVALID_INPUT', `"${options.outputDir}" is not a folder.`, { field: 'outputDir' })
        }
        const entryId = await resolveEntryId(call, options.entry)
        const recipients: Contact[] = []
        for (const ref of options.to) recipients.push(await resolveContact(call, ref))
        const warnings = [
          ...recipients
            .filter((contact) => contact.kind === 'card' && !contact.verified)
            .map(
              (contact) =>
                `${contact.name} is an unverified contact: anyone could have made that card. Compare fingerprints first if you can.`,
            ),
          ...recipients
            .filter((contact) => contact.kind === 'external')
            .map(
              (contact) =>
                `${contact.name} decrypts with age itself: expiry and single use cannot be enforced; they can open it any number of times.`,
            ),
        ]
        if (!out.json) for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`)
        const { sent } = await call('handoff.send', {
          source: { kind: 'vault', entryId },
          recipientIds: recipients.map((contact) => contact.id),
          expiresInHours: options.expires,
          note,
        })
        const results = sent.map(({ armored, ...item }) => {
          if (armored === null) return { ...item, file: null }
          const file = join(outputDir, `handoff-${item.recipientName.replace(/[^\w.-]+/g, '_')}-${item.handoffId.slice(0, 8)}.age`)
          try {
            writeFileSync(file, armored, { mode: 0o600, flag: 'wx' })
          } catch {
            throw new AppError(
              'INVALID_INPUT',
              `Cannot write "${file}". The handoff ${item.handoffId} was made but not saved; send it again.`,
            )
          }
          return { ...item, file }
        })
        if (out.json) return out.document({ sent: results, warnings })
        for (const item of results) {
          if (item.file === null) {
            out.line(
              `Waiting in ${item.recipientName}'s inbox (handoff ${item.handoffId}); you can revoke it in the app until they open it.`,
            )
          } else
            out.line(
              `${item.recipientName}: give them ${item.file}.${item.enforced ? '' : ' Expiry and single use are not enforced for them.'}`,
            )
        }
        if (results[0]) out.line(`Expires ${formatTime(results[0].expiresAt)}.`)
      },
    ),
  )

  withExamples(handoff.command('inbox').description('handoffs waiting for you (open them with handoff open <id>)'), [
    'ccred handoff inbox',
    'ccred --json handoff inbox',
  ]).action(
    run(async ({ call }, out) => {
      const inbox = await call('handoff.inbox', {})
      if (out.json) return out.document({ inbox })
      out.table(
        ['FROM', 'CLUSTER', 'USERNAME', 'RECEIVED', 'EXPIRES', 'ID'],
        inbox.map((item) => [
          `${item.senderName} <${item.senderEmail}>`,
          item.clusterName,
          item.username,
          formatTime(item.createdAt),
          formatTime(item.expiresAt),
          item.handoffId,
        ]),
      )
    }),
  )

  withExamples(
    addKeepOptions(
      handoff
        .command('open')
        .argument('<handoff>', 'an inbox handoff id, a handoff .age file, or - for standard input')
        .option('--accept-sender <fingerprint>', 'open a file from someone who is not a contact yet, after comparing their fingerprint'),
    ).description('open a handoff once: the password is shown once (a terminal or --reveal) or kept in your vault (--keep)'),
    [
      'ccred handoff open 0123456789abcdef0123456789abcdef',
      'ccred handoff open handoff-Ada-01234567.age --keep',
      'ccred --json --reveal handoff open handoff.age --accept-sender "12345 67890 …"',
    ],
  ).action(
    run(async ({ call }, out, options: GlobalOptions & KeepOptions & { acceptSender?: string }, ref: string) => {
      assertKeepChoice(options)
      // Opening uses the handoff up: refuse before opening if the password could go nowhere.
      if (!options.keep && !mayPrintSecret(out, options)) {
        throw new AppError(
          'INVALID_INPUT',
          'Opening uses the handoff up. Pass --reveal to print the password or --keep to keep it in your vault. Nothing was opened.',
        )
      }
      const accept = options.acceptSender === undefined ? null : normalizeFingerprint(options.acceptSender)
      if (options.acceptSender !== undefined && accept === null) {
        throw new AppError('INVALID_INPUT', `A fingerprint is ${FINGERPRINT_DIGITS} digits.`, { field: 'acceptSender' })
      }
      const fromInbox = ref !== '-' && !existsSync(ref) && INBOX_ID.test(ref)
      if (!fromInbox && ref !== '-' && !existsSync(ref)) {
        throw new AppError('INVALID_INPUT', `"${ref}" is neither a handoff file nor an inbox handoff id (32 hex digits).`)
      }
      const text = fromInbox ? null : readPublicText(ref, 'handoff')
      let outcome: HandoffOpenOutcome = fromInbox
        ? await call('handoff.openInbox', { handoffId: ref })
        : await call('handoff.openFile', { text: text!, acceptSenderFingerprint: accept })
      if (outcome.status === 'confirmSender' && text !== null && canAsk() && !out.json) {
        const { sender } = outcome
        process.stderr.write(
          `${sender.name} <${sender.email}> signed this handoff and is not one of your contacts.\n` +
            `Fingerprint: ${sender.fingerprint}\n` +
            'Compare it with them by phone or in person. Opening adds them as an unverified contact.\n',
        )
        if (await askYesNo('Does it match what they read to you?')) {
          outcome = await call('handoff.openFile', { text, acceptSenderFingerprint: sender.fingerprint })
        }
      }
      if (outcome.status === 'confirmSender') {
        const { sender } = outcome
        if (out.json) out.document({ status: 'confirmSender', sender })
        else {
          out.line(`${sender.name} <${sender.email}> is not one of your contacts. Nothing was opened.`)
          out.line(`Fingerprint: ${sender.fingerprint}`)
          out.line('Compare it with them, then run again with --accept-sender "<the fingerprint>".')
        }
        return EXIT.checkFailed
      }
      const { reveal, status: _status, ...handoffFacts } = outcome
      if (!out.json) {
        printSender(out, outcome.sender)
        printFacts(out, [
          ['Cluster', outcome.clusterName],
          ['Username', outcome.username],
          ['Role', outcome.role],
          ['Note', outcome.note],
          ['Expires', formatTime(outcome.expiresAt)],
        ])
      }
      const credential = { username: outcome.username, ...(await settleReveal(call, out, options, reveal)) }
      if (out.json) out.document({ status: 'opened', handoff: handoffFacts, credential })
    }),
  )
}

/**
 * `ccred vault …` and `--keep`, as a script would run them: the built CLI (fast-KDF test
 * entry) as a child process against one temp workspace, passphrase on fd 3, typed
 * passwords on fd 4, backup passphrases on fd 5. Happy paths, refusals (another account's
 * entry, not found, bad input, unconfirmed deletes and imports), exit codes, JSON shapes,
 * and that no password reaches argv, stderr, the log or --json output without --reveal.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import {
  buildFastCli,
  cliHarness,
  expectError,
  json,
  ORDERS,
  PEOPLE,
  runCliInTerminal,
  seedWorkspace,
  type SeededWorkspace,
  type TerminalAnswer,
} from './support/cliWorld'

let cli: Awaited<ReturnType<typeof buildFastCli>>
let world: SeededWorkspace
const harness = cliHarness(
  () => cli,
  () => world,
)
const { as, secrets } = harness

const STAGING_PASSWORD = 'Staging-Pass-2026!'
const STAGING_NEXT = 'Staging-Next-2026?'
const BACKUP_PASSPHRASE = 'a backup passphrase of some length'
for (const secret of [STAGING_PASSWORD, STAGING_NEXT, BACKUP_PASSPHRASE]) secrets.add(secret)

const ENTRY_KEYS = [
  'clusterId',
  'clusterName',
  'clusterRole',
  'createdAt',
  'credentialVersion',
  'endpoint',
  'hasNotes',
  'history',
  'historyCount',
  'id',
  'origin',
  'source',
  'state',
  'tags',
  'title',
  'updatedAt',
  'username',
]

interface Entry {
  id: string
  title: string
  state: string
  origin: string
  historyCount: number
  hasNotes: boolean
  tags: string[]
  clusterName: string | null
}

beforeAll(async () => {
  ;[cli, world] = await Promise.all([buildFastCli(), seedWorkspace({ fullCluster: false })])
}, 120_000)

afterAll(() => {
  cli?.cleanup()
  world?.cleanup()
})

let stagingId = ''

describe('vault add, list, search, show, edit', () => {
  it('adds a credential with the password from a file descriptor and notes from a file', async () => {
    const notesFile = join(makeTempDir(), 'notes.txt')
    writeFileSync(notesFile, 'rotate monthly\n')
    const added = await as(
      'owner',
      [
        '--json',
        'vault',
        'add',
        '--title',
        'Partner staging',
        '--username',
        'svc_partner',
        '--endpoint',
        'https://partner.example:19530',
        '--tag',
        'partner',
        '--tag',
        'staging',
        '--notes-file',
        notesFile,
        '--password-fd',
        '4',
      ],
      { fd4: STAGING_PASSWORD },
    )
    expect(added.code).toBe(0)
    const { entry } = json<{ entry: Entry & Record<string, unknown> }>(added)
    expect(Object.keys(entry).sort()).toEqual(ENTRY_KEYS)
    expect(entry).toMatchObject({ title: 'Partner staging', state: 'unlinked', origin: 'manual', hasNotes: true, historyCount: 0 })
    expect(entry.tags.sort()).toEqual(['partner', 'staging'])
    stagingId = entry.id

    // A typed password for a workspace cluster is checked once: this one is not db_admin's.
    const checked = json<{ entry: Entry }>(
      await as(
        'owner',
        ['--json', 'vault', 'add', '--title', 'orders admin', '--username', 'db_admin', '--cluster', ORDERS.cluster, '--password-fd', '4'],
        { fd4: 'Not-The-Admin-Password-1' },
      ),
    )
    expect(checked.entry).toMatchObject({ clusterName: ORDERS.cluster, state: 'outdated' })
  })

  it('lists and searches metadata as a table or JSON', async () => {
    const table = await as('owner', ['vault', 'list'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^TITLE\s+USERNAME\s+CLUSTER OR ENDPOINT\s+STATE\s+ID\n/)
    expect(table.stdout).toMatch(/Partner staging\s+svc_partner\s+https:\/\/partner\.example:19530\s+unlinked/)

    const listed = json<{ entries: Entry[]; total: number }>(await as('owner', ['--json', 'vault', 'list', '--sort', 'title', '--desc']))
    expect(listed.total).toBe(2)
    expect(listed.entries.map((entry) => entry.title)).toEqual(['Partner staging', 'orders admin'])
    const outdated = json<{ entries: Entry[]; total: number }>(await as('owner', ['--json', 'vault', 'list', '--state', 'outdated']))
    expect({ titles: outdated.entries.map((entry) => entry.title), total: outdated.total }).toEqual({ titles: ['orders admin'], total: 2 })

    const found = json<{ entries: Entry[] }>(await as('owner', ['--json', 'vault', 'search', 'PARTNER', 'stäging']))
    expect(found.entries.map((entry) => entry.id)).toEqual([stagingId])
    const none = await as('owner', ['vault', 'search', 'nothing-like-this'])
    expect({ code: none.code, stdout: none.stdout }).toEqual({ code: 0, stdout: '(none)\n0 of 2 entries.\n' })
  })

  it('shows metadata only, the password only with --reveal, notes with --notes', async () => {
    const plain = await as('owner', ['vault', 'show', 'partner staging'])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toContain(`Partner staging (${stagingId})`)
    expect(plain.stdout).toMatch(/Username:\s+svc_partner/)
    expect(plain.stdout).not.toContain(STAGING_PASSWORD)

    const asJson = await as('owner', ['--json', 'vault', 'show', stagingId])
    expect(Object.keys(json(asJson))).toEqual(['entry'])

    const revealed = await as('owner', ['--json', '--reveal', 'vault', 'show', stagingId, '--notes'])
    expect(json(revealed)).toEqual({
      entry: expect.objectContaining({ id: stagingId }),
      password: STAGING_PASSWORD,
      replacedAt: null,
      notes: 'rotate monthly',
    })
    // Not a terminal: the password line without the on-screen warning (that is for people).
    const text = await as('owner', ['--reveal', 'vault', 'show', stagingId])
    expect(text.stdout).toContain(`Password: ${STAGING_PASSWORD}\n`)
    expect(text.stdout).not.toContain('Shown on screen')
  })

  it('edits: a new password from a file descriptor moves the old one into history', async () => {
    const edited = await as(
      'owner',
      [
        '--json',
        'vault',
        'edit',
        'Partner staging',
        '--title',
        'Partner staging (eu)',
        '--password-fd',
        '4',
        '--clear-tags',
        '--tag',
        'eu',
      ],
      { fd4: STAGING_NEXT },
    )
    expect(json<{ entry: Entry }>(edited).entry).toMatchObject({
      id: stagingId,
      title: 'Partner staging (eu)',
      historyCount: 1,
      tags: ['eu'],
    })
    const earlier = json<{ password: string; replacedAt: number }>(
      await as('owner', ['--json', '--reveal', 'vault', 'show', stagingId, '--history', '1']),
    )
    expect(earlier).toMatchObject({ password: STAGING_PASSWORD, replacedAt: expect.any(Number) })
    // People see when each earlier password was replaced without revealing anything.
    expect((await as('owner', ['vault', 'show', stagingId])).stdout).toMatch(
      /History:\s+1: replaced \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(show with --history <n>\)/,
    )
    expectError(await as('owner', ['vault', 'edit', stagingId]), 2, 'INVALID_INPUT')
  })

  it('refuses: another account sees nothing of it (5), unknown entries (5), ambiguous titles and bad input (2)', async () => {
    expectError(await as('reader', ['vault', 'show', stagingId]), 5, 'NOT_FOUND')
    expectError(await as('reader', ['--reveal', 'vault', 'show', stagingId]), 5, 'NOT_FOUND')
    expect(json<{ total: number }>(await as('reader', ['--json', 'vault', 'list'])).total).toBe(0)
    expectError(await as('owner', ['vault', 'show', 'no such entry']), 5, 'NOT_FOUND')
    expectError(await as('owner', ['vault', 'show', stagingId, '--history', '1']), 2, 'INVALID_INPUT')

    // No password source and no terminal: the command says how to give one, and adds nothing.
    const noSource = await as('owner', ['vault', 'add', '--title', 'x', '--username', 'y'])
    expectError(noSource, 2, 'INVALID_INPUT')
    expect(noSource.stderr).toContain('--password-fd')
    expectError(
      await as('owner', ['vault', 'add', '--title', ' ', '--username', 'y', '--password-fd', '4'], { fd4: 'whatever-1' }),
      2,
      'INVALID_INPUT',
    )
    expectError(
      await as('owner', ['vault', 'add', '--title', 'x', '--username', 'y', '--cluster', 'no-such-cluster', '--password-fd', '4'], {
        fd4: 'whatever-1',
      }),
      5,
      'NOT_FOUND',
    )
    for (const [title, username] of [
      ['Twin', 'first'],
      ['twin', 'second'],
    ]) {
      await as('owner', ['vault', 'add', '--title', title!, '--username', username!, '--password-fd', '4'], { fd4: 'Twin-Password-1' })
    }
    const ambiguous = await as('owner', ['vault', 'show', 'TWIN'])
    expectError(ambiguous, 2, 'INVALID_INPUT')
    expect(ambiguous.stderr).toContain('give the id instead')
  })
})

describe('vault rm', () => {
  it('needs --yes when not at a terminal, then deletes (and the entry is gone: 5)', async () => {
    const unconfirmed = await as('owner', ['vault', 'rm', 'orders admin'])
    expectError(unconfirmed, 2, 'INVALID_INPUT')
    expect(json<{ total: number }>(await as('owner', ['--json', 'vault', 'list'])).total).toBe(4)
    const removed = await as('owner', ['--json', 'vault', 'rm', 'orders admin', '--yes'])
    expect(json(removed)).toEqual({ removed: { entryId: expect.stringMatching(/^vlt_/), title: 'orders admin' } })
    expectError(await as('owner', ['vault', 'show', 'orders admin']), 5, 'NOT_FOUND')
    expectError(await as('reader', ['vault', 'rm', stagingId, '--yes']), 5, 'NOT_FOUND')
  })
})

describe('vault export and import', () => {
  const folder = makeTempDir()
  const backup = join(folder, 'vault.age')

  it('exports an owner-only age file under a backup passphrase read from a file descriptor', async () => {
    const exported = await as('owner', ['--json', 'vault', 'export', '--output', backup, '--backup-passphrase-fd', '5'], {
      fd5: BACKUP_PASSPHRASE,
    })
    expect(exported.code).toBe(0)
    expect(json(exported)).toEqual({ file: backup, bytes: statSync(backup).size, entryCount: 3, unreadable: 0 })
    expect(statSync(backup).mode & 0o777).toBe(0o600)
    const armored = readFileSync(backup, 'utf8')
    expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/)
    expect(armored).not.toContain(STAGING_NEXT)

    // The default name, in the current folder.
    const here = makeTempDir()
    const byDefault = await as('owner', ['vault', 'export', '--backup-passphrase-fd', '5'], { fd5: BACKUP_PASSPHRASE, cwd: here })
    expect(byDefault.code).toBe(0)
    expect(byDefault.stdout).toMatch(new RegExp(`Wrote ${here}/vault-backup-\\d{4}-\\d\\d-\\d\\d\\.age: 3 entries`))
  })

  it('refuses to overwrite a file (6) and a short backup passphrase (2)', async () => {
    expectError(
      await as('owner', ['vault', 'export', '--output', backup, '--backup-passphrase-fd', '5'], { fd5: BACKUP_PASSPHRASE }),
      6,
      'ALREADY_EXISTS',
    )
    expectError(
      await as('owner', ['vault', 'export', '--output', join(folder, 'short.age'), '--backup-passphrase-fd', '5'], { fd5: 'too short' }),
      2,
      'INVALID_INPUT',
    )
  })

  it('previews an import and applies it only with --yes', async () => {
    const previewOnly = await as('reader', ['--json', 'vault', 'import', backup, '--backup-passphrase-fd', '5'], { fd5: BACKUP_PASSPHRASE })
    expect(previewOnly.code).toBe(0)
    const preview = json<{ preview: { added: number; updated: number; skipped: number; items: unknown[] }; applied: unknown }>(previewOnly)
    expect(preview).toEqual({
      preview: {
        added: 3,
        updated: 0,
        skipped: 0,
        items: expect.arrayContaining([expect.objectContaining({ action: 'add', title: 'Partner staging (eu)' })]),
      },
      applied: null,
    })
    expect(json<{ total: number }>(await as('reader', ['--json', 'vault', 'list'])).total).toBe(0)

    const text = await as('reader', ['vault', 'import', backup, '--backup-passphrase-fd', '5'], { fd5: BACKUP_PASSPHRASE })
    expect(text.stdout).toMatch(/^Import preview: 3 to add, 0 to update, 0 to skip\.\nACTION\s+TITLE/)
    expect(text.stderr).toContain('--yes')

    const applied = await as('reader', ['--json', 'vault', 'import', backup, '--backup-passphrase-fd', '5', '--yes'], {
      fd5: BACKUP_PASSPHRASE,
    })
    expect(json<{ applied: unknown }>(applied).applied).toEqual({ added: 3, updated: 0, skipped: 0 })
    const revealed = json<{ password: string }>(await as('reader', ['--json', '--reveal', 'vault', 'show', 'Partner staging (eu)']))
    expect(revealed.password).toBe(STAGING_NEXT)

    const again = await as('reader', ['vault', 'import', backup, '--backup-passphrase-fd', '5', '--yes'], { fd5: BACKUP_PASSPHRASE })
    expect(again.stdout).toContain('Nothing to import')
  })

  it('refuses a wrong backup passphrase (3) and a file that is not a backup (2)', async () => {
    expectError(
      await as('reader', ['vault', 'import', backup, '--backup-passphrase-fd', '5'], { fd5: 'not the backup passphrase' }),
      3,
      'BACKUP_WRONG_PASSPHRASE',
    )
    const junk = join(folder, 'junk.age')
    writeFileSync(junk, 'this is not an age file')
    expectError(
      await as('reader', ['vault', 'import', junk, '--backup-passphrase-fd', '5'], { fd5: BACKUP_PASSPHRASE }),
      2,
      'BACKUP_INVALID',
    )
    expectError(
      await as('reader', ['vault', 'import', join(folder, 'missing.age'), '--backup-passphrase-fd', '5'], { fd5: BACKUP_PASSPHRASE }),
      2,
      'INVALID_INPUT',
    )
  })
})

describe('--keep: a new password goes into the vault instead of the output', () => {
  it('users add --keep keeps it (current, linked to the cluster user) and prints no password', async () => {
    const kept = await as('owner', ['--json', 'users', 'add', ORDERS.cluster, 'kept_user', '--role', 'read_only', '--keep'])
    expect(kept.code).toBe(0)
    const body = json<{ credential: { keptAs: { entryId: string; title: string } } }>(kept)
    expect(body.credential).toEqual({
      username: 'kept_user',
      passwordShown: false,
      keptAs: { entryId: expect.stringMatching(/^vlt_/), title: `kept_user on ${ORDERS.cluster}` },
    })
    const entry = json<{ entry: Entry }>(await as('owner', ['--json', 'vault', 'show', body.credential.keptAs.entryId])).entry
    expect(entry).toMatchObject({ origin: 'kept', state: 'current', clusterName: ORDERS.cluster })

    // The kept password is the cluster user's: verify it through the app's check.
    const { password } = json<{ password: string }>(await as('owner', ['--json', '--reveal', 'vault', 'show', entry.id]))
    secrets.add(password)
    const verified = await as('reader', ['--json', 'users', 'verify', ORDERS.cluster, 'kept_user', '--password-fd', '4'], { fd4: password })
    expect(json(verified)).toEqual({ valid: true, role: 'read_only' })
  })

  it('users reset and clusters create keep too, under a chosen title; as text it says where', async () => {
    const reset = await as('owner', ['users', 'reset', ORDERS.cluster, 'kept_user', '--keep', '--keep-title', 'kept user, rotated'])
    expect(reset.code).toBe(0)
    expect(reset.stdout).toMatch(/Kept in your vault as "kept user, rotated" \(vlt_[0-9a-f]+\); the password was not printed\./)
    expect(reset.stderr).toBe('')
    const created = json<{ credential: { username: string; keptAs: { title: string } } }>(
      await as('owner', [
        '--json',
        'clusters',
        'create',
        '--project',
        ORDERS.project,
        '--name',
        'orders-kept',
        '--endpoint',
        'https://in01-kept.example:19530',
        '--keep',
      ]),
    )
    expect(created.credential).toMatchObject({ username: 'db_admin', passwordShown: false, keptAs: { title: 'db_admin on orders-kept' } })
  })

  it('--keep with --reveal, or --keep-title alone, is refused before anything changes (2)', async () => {
    expectError(
      await as('owner', ['--reveal', 'users', 'add', ORDERS.cluster, 'never_made', '--role', 'read_only', '--keep']),
      2,
      'INVALID_INPUT',
    )
    expectError(
      await as('owner', ['users', 'add', ORDERS.cluster, 'never_made', '--role', 'read_only', '--keep-title', 'x']),
      2,
      'INVALID_INPUT',
    )
    const users = json<{ users: Array<{ username: string }> }>(await as('owner', ['--json', 'users', 'list', ORDERS.cluster]))
    expect(users.users.map((user) => user.username)).not.toContain('never_made')
  })
})

describe('on a terminal', () => {
  const TYPED = 'Typed-At-The-Terminal-7'
  let passphraseFile = ''

  beforeAll(() => {
    passphraseFile = join(makeTempDir(), 'passphrase')
    writeFileSync(passphraseFile, `${PEOPLE.owner.passphrase}\n`, { mode: 0o600 })
    secrets.add(TYPED)
  })

  const atTerminal = async (args: string[], answers: TerminalAnswer[] = []) => {
    const run = await runCliInTerminal(
      cli.entry,
      ['--data-dir', world.dataDir, '--email', PEOPLE.owner.email, '--passphrase-file', passphraseFile, ...args],
      answers,
    )
    // The transcript is what a person saw (it holds what --reveal shows): only its argv and stderr join the leak check.
    harness.runs.push({ ...run, stdout: '' })
    return run
  }

  it('reads a typed password without echo, and shows a stored one under the on-screen warning', async () => {
    const added = await atTerminal(
      ['vault', 'add', '--title', 'typed at terminal', '--username', 'svc_typed'],
      [{ after: 'Password to keep (typing is hidden): ', type: `${TYPED}\r` }],
    )
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('Kept "typed at terminal" in your vault')
    expect(added.stdout).not.toContain(TYPED)

    const shown = await atTerminal(['--reveal', 'vault', 'show', 'typed at terminal'])
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(
      /Shown on screen: the password is now readable in this terminal[^\n]*\r?\n\s+Password: Typed-At-The-Terminal-7/,
    )
  })

  it('asks before deleting: no keeps the entry (2), yes deletes it', async () => {
    const kept = await atTerminal(['vault', 'rm', 'typed at terminal'], [{ after: '[y/N] ', type: 'n\r' }])
    expect(kept.code).toBe(2)
    expect(kept.stdout).toContain('Not confirmed. Nothing was deleted.')
    const removed = await atTerminal(['vault', 'rm', 'typed at terminal'], [{ after: '[y/N] ', type: 'y\r' }])
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain('Deleted "typed at terminal"')
  })

  it('prints a new password once, with the show-once warning', async () => {
    const added = await atTerminal(['users', 'add', ORDERS.cluster, 'terminal_user', '--role', 'read_only'])
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(/Shown only once: the password will not be displayed again[^\n]*\r?\n(.*\r?\n){3}\s+Password: \S{16,}/)
  })
})

describe('secrets', () => {
  it('never appear in argv, stderr or the log; --json without --reveal holds no password', () => {
    harness.expectNoLeaks(35)
  })
})

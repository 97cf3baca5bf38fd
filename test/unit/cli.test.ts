/**
 * The command line as a script would use it: the built CLI (fast-KDF test entry) runs as
 * a child process against a temp workspace, with the passphrase on file descriptor 3.
 * Every command's happy path, one refusal per rule (role, db_admin, policy, limit), the
 * exit codes, the JSON shapes, the app's lock, and that no secret reaches argv, stderr or
 * the log, and none is in --json output without --reveal.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram } from '../../electron/cli/program'
import { FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import {
  buildFastCli,
  cliHarness,
  expectError,
  FULL_CLUSTER,
  json,
  ORDERS,
  PEOPLE,
  runCli,
  seedWorkspace,
  type SeededWorkspace,
} from './support/cliWorld'

let cli: Awaited<ReturnType<typeof buildFastCli>>
let world: SeededWorkspace
const harness = cliHarness(
  () => cli,
  () => world,
)
const { as, runs, secrets } = harness

beforeAll(async () => {
  ;[cli, world] = await Promise.all([buildFastCli(), seedWorkspace()])
}, 120_000)

afterAll(() => {
  cli?.cleanup()
  world?.cleanup()
})

describe('help', () => {
  const program = buildProgram({ kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, lockWaitMs: 0 }, { exitCode: 0 })
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)]
  const helpOf = (command: Command) => {
    let text = ''
    command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: (chunk) => (text += chunk) })
    command.outputHelp()
    return text
  }

  it('every command and group has --help with examples', () => {
    const commands = all(program).filter((command) => command.name() !== 'help')
    expect(commands.length).toBeGreaterThanOrEqual(20)
    for (const command of commands) expect(helpOf(command), command.name()).toMatch(/Examples:\n\s+\$ ccred /)
  })

  it('no option takes a secret as its value: secrets come from a prompt, a file descriptor or a file', () => {
    for (const command of all(program)) {
      for (const option of command.options) {
        if (!/pass|secret|code/i.test(option.long ?? '')) continue
        const fromSafeSource = /-(fd|file)$/.test(option.long ?? '') || (!option.required && !option.optional)
        expect(fromSafeSource, `${command.name()} ${option.long}`).toBe(true)
      }
    }
  })

  it('the built binary prints help and exits 0', async () => {
    const run = await runCli(cli.entry, ['users', 'add', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: ccred users add [options] <cluster> <username>')
    expect(run.stdout).toContain('Examples:')
  })
})

describe('projects', () => {
  it('lists as a table for people and as JSON for scripts', async () => {
    const table = await as('owner', ['projects', 'list'])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/^NAME\s+MY ROLE\s+CLUSTERS\s+CREATED\s+ID\n/)
    expect(table.stdout).toMatch(/Orders\s+owner\s+2\s/)
    const listed = json<{ projects: unknown[] }>(await as('owner', ['projects', 'list', '--json']))
    expect(listed.projects).toEqual([
      { id: world.ids.orders, name: 'Orders', myRole: 'owner', clusterCount: 2, createdAt: expect.any(Number) },
    ])
  })

  it('creates one; a duplicate name is a conflict (6) and a Read-Only member is forbidden (4)', async () => {
    const created = json<{ project: { name: string; myRole: string } }>(await as('owner', ['--json', 'projects', 'create', 'Billing']))
    expect(created.project).toMatchObject({ name: 'Billing', myRole: 'owner' })
    expectError(await as('owner', ['projects', 'create', 'billing']), 6, 'ALREADY_EXISTS')
    expectError(await as('reader', ['projects', 'create', 'Reader Project']), 4, 'FORBIDDEN')
  })
})

describe('clusters', () => {
  it('lists (all or per project) and shows one with its users', async () => {
    const all = json<{ clusters: Array<{ name: string }> }>(await as('owner', ['clusters', 'list', '--json']))
    expect(all.clusters.map((cluster) => cluster.name).sort()).toEqual([FULL_CLUSTER, ORDERS.cluster])
    const inOrders = await as('owner', ['clusters', 'list', '--project', 'Orders'])
    expect(inOrders.stdout).toContain(ORDERS.endpoint)
    const shown = json<{ cluster: Record<string, unknown>; users: Array<{ username: string }> }>(
      await as('reader', ['clusters', 'show', ORDERS.cluster, '--json']),
    )
    expect(Object.keys(shown.cluster).sort()).toEqual(
      ['canManageUsers', 'createdAt', 'createdBy', 'endpoint', 'id', 'name', 'projectId', 'projectName', 'userCount'].sort(),
    )
    expect(shown.cluster['canManageUsers']).toBe(false)
    expect(shown.users.map((user) => user.username)).toEqual(['db_admin'])
    expectError(await as('owner', ['clusters', 'show', 'no-such-cluster']), 5, 'NOT_FOUND')
  })

  it('creates one: the db_admin password only with --reveal in --json', async () => {
    const hidden = await as('owner', [
      '--json',
      'clusters',
      'create',
      '--project',
      'Orders',
      '--name',
      'orders-dev',
      '--endpoint',
      'https://in01-dev.example:19530',
    ])
    expect(hidden.code).toBe(0)
    expect(json(hidden)).toEqual({
      cluster: expect.objectContaining({ name: 'orders-dev' }),
      credential: { username: 'db_admin', passwordShown: false },
    })
    expect(hidden.stdout).not.toMatch(/"password"/)

    const shown = await as('owner', [
      '--json',
      '--reveal',
      'clusters',
      'create',
      '--project',
      'Orders',
      '--name',
      'orders-qa',
      '--endpoint',
      'https://in01-qa.example:19530',
    ])
    const { credential } = json<{ credential: { username: string; passwordShown: boolean; password: string } }>(shown)
    expect(credential).toEqual({ username: 'db_admin', passwordShown: true, password: expect.stringMatching(/^\S{16,64}$/) })
    secrets.add(credential.password)
  })

  it('refuses a Read-Only member (4)', async () => {
    expectError(
      await as('reader', ['clusters', 'create', '--project', 'Orders', '--name', 'sneaky', '--endpoint', 'https://in01-x.example:19530']),
      4,
      'FORBIDDEN',
    )
  })
})

describe('users', () => {
  let readerPassword = ''

  it('adds one with --reveal and verifies its password from a file descriptor', async () => {
    const added = await as('owner', ['--json', '--reveal', 'users', 'add', ORDERS.cluster, 'reporting', '--role', 'read_only'])
    const body = json<{ user: Record<string, unknown>; credential: { password: string } }>(added)
    expect(body.user).toMatchObject({ username: 'reporting', role: 'read_only', isDefaultAdmin: false })
    readerPassword = body.credential.password
    secrets.add(readerPassword)

    const valid = await as('reader', ['--json', 'users', 'verify', ORDERS.cluster, 'reporting', '--password-fd', '4'], {
      fd4: readerPassword,
    })
    expect({ code: valid.code, body: json(valid) }).toEqual({ code: 0, body: { valid: true, role: 'read_only' } })
    const invalid = await as('reader', ['users', 'verify', ORDERS.cluster, 'reporting', '--password-fd', '4'], {
      fd4: 'Not-The-Password-1',
    })
    expect({ code: invalid.code, stdout: invalid.stdout }).toEqual({ code: 9, stdout: 'Not a valid credential.\n' })
  })

  it('does not print a new password when stdout is not a terminal and --reveal is absent', async () => {
    const added = await as('owner', ['users', 'add', ORDERS.cluster, 'etl', '--role', 'read_write'])
    expect(added.code).toBe(0)
    expect(added.stdout).toBe(`Added etl (read_write) to ${ORDERS.cluster}.\n`)
    expect(added.stderr).toContain('--reveal')
  })

  it('lists, resets (no password in --json without --reveal), changes a role and drops', async () => {
    const listed = json<{ users: Array<{ username: string }> }>(await as('reader', ['--json', 'users', 'list', ORDERS.cluster]))
    expect(listed.users.map((user) => user.username)).toEqual(['db_admin', 'etl', 'reporting'])

    const reset = await as('owner', ['--json', 'users', 'reset', ORDERS.cluster, 'reporting'])
    expect(json(reset)).toEqual({ credential: { username: 'reporting', passwordShown: false } })

    const role = json<{ user: { role: string } }>(await as('owner', ['--json', 'users', 'role', ORDERS.cluster, 'reporting', 'read_write']))
    expect(role.user.role).toBe('read_write')

    const dropped = await as('owner', ['--json', 'users', 'drop', ORDERS.cluster, 'etl', '--confirm', 'etl'])
    expect(json(dropped)).toEqual({ dropped: { clusterId: world.ids.ordersCluster, username: 'etl' } })
  })

  it('refuses per rule: role (4), db_admin (4), password policy (2), the per-cluster limit (6)', async () => {
    expectError(await as('reader', ['users', 'add', ORDERS.cluster, 'mine', '--role', 'read_only']), 4, 'FORBIDDEN')
    expectError(await as('owner', ['users', 'drop', ORDERS.cluster, 'db_admin', '--confirm', 'db_admin']), 4, 'PROTECTED_USER')
    const weak = 'has spaces in it'
    secrets.add(weak)
    expectError(
      await as('owner', ['users', 'add', ORDERS.cluster, 'typed', '--role', 'read_only', '--password-fd', '4'], { fd4: weak }),
      2,
      'INVALID_INPUT',
    )
    expectError(await as('owner', ['users', 'add', FULL_CLUSTER, 'one_too_many', '--role', 'read_only']), 6, 'LIMIT_REACHED')
  })
})

describe('members', () => {
  it('lists account users', async () => {
    const listed = json<{ members: Array<{ email: string; status: string }> }>(await as('owner', ['--json', 'members', 'list']))
    expect(listed.members.map((member) => [member.email, member.status]).sort()).toEqual(
      [
        [PEOPLE.owner.email, 'active'],
        [PEOPLE.pending.email, 'pending'],
        [PEOPLE.reader.email, 'active'],
        [PEOPLE.throttled.email, 'active'],
      ].sort(),
    )
  })

  it('adds a member: the enrollment code only with --reveal in --json', async () => {
    const hidden = await as('owner', [
      '--json',
      'members',
      'add',
      '--name',
      'Quinn',
      '--member-email',
      'quinn@acme.example',
      '--project',
      'Orders=read_write',
    ])
    const body = json<{ member: Record<string, unknown>; enrollment: Record<string, unknown> }>(hidden)
    expect(body.member).toMatchObject({
      email: 'quinn@acme.example',
      status: 'pending',
      projectRoles: [expect.objectContaining({ projectName: 'Orders', role: 'read_write' })],
    })
    expect(body.enrollment).toEqual({ expiresAt: expect.any(Number), codeShown: false })

    const reissued = json<{ enrollment: { code: string; codeShown: boolean } }>(
      await as('owner', ['--json', '--reveal', 'members', 'reissue', PEOPLE.pending.email]),
    )
    expect(reissued.enrollment).toEqual({ expiresAt: expect.any(Number), codeShown: true, code: expect.stringMatching(/\S{8,}/) })
    secrets.add(reissued.enrollment.code)
  })

  it('refuses a Read-Only member (4)', async () => {
    expectError(await as('reader', ['members', 'add', '--name', 'X', '--member-email', 'x@acme.example']), 4, 'FORBIDDEN')
  })
})

describe('audit', () => {
  it('lists with filters, verifies the chain and exports CSV', async () => {
    const page = json<{ rows: Array<Record<string, unknown>>; hasMore: boolean }>(
      await as('owner', ['--json', 'audit', 'list', '--limit', '5']),
    )
    expect(page.rows).toHaveLength(5)
    expect(page.hasMore).toBe(true)
    expect(Object.keys(page.rows[0]!).sort()).toEqual([
      'action',
      'actorId',
      'actorName',
      'at',
      'clusterId',
      'damaged',
      'errorCode',
      'id',
      'outcome',
      'target',
    ])

    const denied = json<{ rows: Array<{ outcome: string; errorCode: string }> }>(
      await as('owner', ['--json', 'audit', 'list', '--outcome', 'denied', '--limit', '500']),
    )
    expect(denied.rows.length).toBeGreaterThan(0)
    expect(new Set(denied.rows.map((row) => row.outcome))).toEqual(new Set(['denied']))
    expect(denied.rows.map((row) => row.errorCode)).toContain('PROTECTED_USER')

    const byReader = json<{ rows: Array<{ actorName: string }> }>(
      await as('owner', ['--json', 'audit', 'list', '--actor', PEOPLE.reader.email, '--cluster', ORDERS.cluster]),
    )
    expect(new Set(byReader.rows.map((row) => row.actorName))).toEqual(new Set([PEOPLE.reader.displayName]))

    const verified = await as('owner', ['--json', 'audit', 'verify'])
    const body = json<{ headReceipt: string }>(verified)
    expect({ code: verified.code, body }).toMatchObject({
      code: 0,
      body: { ok: true, firstBrokenRowId: null, anchor: { status: 'verified' } },
    })
    const receipt = await as('owner', ['--json', 'audit', 'receipt'])
    expect({ code: receipt.code, body: json(receipt) }).toEqual({ code: 0, body: { ok: true, receipt: expect.stringMatching(/^\d+-/) } })
    const printed = await as('owner', ['audit', 'receipt'])
    expect(printed.stdout.split('\n')[0]).toMatch(/^\d+-[0-9A-Z]{4}-/)
    const checked = await as('owner', ['audit', 'verify', '--receipt', body.headReceipt])
    expect(checked.code).toBe(0)
    expect(checked.stdout).toMatch(/Receipt for row \d+: matches\./)

    const csv = await as('owner', ['audit', 'export', '--outcome', 'denied'])
    expect(csv.code).toBe(0)
    expect(csv.stdout.split('\n')[0]).toMatch(/^id,/)
    const file = join(makeTempDir(), 'audit.csv')
    const written = await as('owner', ['--json', 'audit', 'export', '--output', file])
    expect(json(written)).toEqual({ file, bytes: readFileSync(file).byteLength })
  })

  it('is refused to a Read-Only member (4)', async () => {
    expectError(await as('reader', ['audit', 'verify']), 4, 'FORBIDDEN')
  })
})

describe('sign-in, workspace and errors', () => {
  it('a wrong passphrase and an unknown email are unauthenticated (3); a locked-out account is throttled (7)', async () => {
    const wrong = await runCli(
      cli.entry,
      ['--data-dir', world.dataDir, '--email', PEOPLE.reader.email, '--passphrase-fd', '3', 'projects', 'list'],
      { fd3: 'not the passphrase' },
    )
    runs.push(wrong)
    expectError(wrong, 3, 'WRONG_PASSPHRASE')
    const unknown = await runCli(
      cli.entry,
      ['--data-dir', world.dataDir, '--email', 'nobody@acme.example', '--passphrase-fd', '3', 'projects', 'list'],
      { fd3: 'whatever it is' },
    )
    expectError(unknown, 3, 'UNAUTHENTICATED')
    const throttled = await as('throttled', ['--json', 'projects', 'list'])
    expect(throttled.code).toBe(7)
    expect(JSON.parse(throttled.stderr)).toEqual({
      error: { code: 'THROTTLED', message: expect.stringContaining('Too many'), retryAfterMs: expect.any(Number) },
    })
  })

  it('reads the passphrase from a file, and the folder and email from CC_DATA_DIR / CC_EMAIL', async () => {
    const passphraseFile = join(makeTempDir(), 'passphrase')
    writeFileSync(passphraseFile, `${PEOPLE.owner.passphrase}\n`, { mode: 0o600 })
    const run = await runCli(cli.entry, ['--passphrase-file', passphraseFile, '--json', 'projects', 'list'], {
      env: { CC_DATA_DIR: world.dataDir, CC_EMAIL: PEOPLE.owner.email },
    })
    runs.push(run)
    expect(run.code).toBe(0)
    expect(json<{ projects: unknown[] }>(run).projects.length).toBeGreaterThan(0)
  })

  it('without a passphrase source and no terminal, says how to give one (2); without an email too (2)', async () => {
    expectError(
      await runCli(cli.entry, ['--data-dir', world.dataDir, '--email', PEOPLE.owner.email, 'projects', 'list']),
      2,
      'INVALID_INPUT',
    )
    expectError(
      await runCli(cli.entry, ['--data-dir', world.dataDir, '--passphrase-fd', '3', 'projects', 'list'], { fd3: 'x' }),
      2,
      'INVALID_INPUT',
    )
  })

  it('a folder without a workspace is not found (5) and is left without one', async () => {
    const empty = makeTempDir()
    expectError(
      await runCli(cli.entry, ['--data-dir', empty, '--email', PEOPLE.owner.email, '--passphrase-fd', '3', 'projects', 'list'], {
        fd3: 'x',
      }),
      5,
      'NO_WORKSPACE',
    )
    expect(execFileSync('ls', ['-A', empty], { encoding: 'utf8' })).toBe('')
  })

  it('usage errors are invalid input (2), as text or as JSON', async () => {
    const missing = await as('owner', ['users', 'add', ORDERS.cluster, 'x'])
    expectError(missing, 2, 'INVALID_INPUT')
    expect(missing.stderr).toContain('--role')
    const asJson = await as('owner', ['--json', 'users', 'add', ORDERS.cluster, 'x', '--role', 'superuser'])
    expect(asJson.code).toBe(2)
    expect(JSON.parse(asJson.stderr.split('\n')[0]!)).toEqual({
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('superuser') },
    })
  })

  it("waits for the app's one-instance lock, then refuses clearly (6); a stale lock does not count", async () => {
    const lock = join(world.dataDir, 'SingletonLock')
    symlinkSync(`${hostname()}-${process.pid}`, lock)
    try {
      const held = await as('owner', ['projects', 'list'])
      expectError(held, 6, 'WORKSPACE_IN_USE')
      expect(held.stderr).toContain(`process ${process.pid}`)
    } finally {
      unlinkSync(lock)
    }
    // A process that has exited: its pid names nobody now.
    const deadPid = Number(execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim())
    symlinkSync(`${hostname()}-${deadPid}`, lock)
    try {
      expect((await as('owner', ['projects', 'list'])).code).toBe(0)
    } finally {
      unlinkSync(lock)
    }
  })
})

describe('secrets', () => {
  it('never appear in argv, stderr or the log; no --json output without --reveal holds a password or an enrollment code', () => {
    harness.expectNoLeaks(30)
    expect(runs.filter((run) => run.argv.includes('--json') && !run.argv.includes('--reveal')).length).toBeGreaterThan(10)
  })
})

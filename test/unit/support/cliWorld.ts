/**
 * For the command-line tests: builds the fast-KDF test entry once with the real CLI build
 * config, seeds a workspace through the core, and runs the CLI as a child process with the
 * passphrase on file descriptor 3 (the way a script would pass it). Passphrases and
 * passwords here are test data, not secrets.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { expect } from 'vitest'
import { cliBuildConfig } from '../../../vite.cli.config'
import { createCore } from '../../../electron/core/core'
import { FAST_TEST_KDF } from '../../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../../electron/core/crypto/passwordHash'
import { createMemoryLogger } from '../../../electron/core/log'
import { createManualClock } from '../../../electron/core/testing/manualClock'
import { makeTempDir } from '../../../electron/core/testing/tempDir'
import type { Actor } from '../../../electron/core/session'

const REPO_ROOT = resolve(import.meta.dirname, '../../..')

export const PEOPLE = {
  owner: { displayName: 'Ada Owner', email: 'ada@acme.example', passphrase: 'correct horse battery staple' },
  reader: { displayName: 'Rae Reader', email: 'rae@acme.example', passphrase: 'rae reads the orders cluster' },
  throttled: { displayName: 'Tom Throttled', email: 'tom@acme.example', passphrase: 'tom typed it wrong too often' },
  pending: { displayName: 'Pat Pending', email: 'pat@acme.example' },
} as const

export const ORDERS = { project: 'Orders', cluster: 'orders-prod', endpoint: 'https://in01-orders.example:19530' } as const
/** A cluster already holding the most users a cluster may have. */
export const FULL_CLUSTER = 'full-prod'

/** Builds the test entry into the repo (so its npm imports resolve); returns its path and a cleanup. */
export async function buildFastCli(): Promise<{ entry: string; cleanup(): void }> {
  // One folder per build: several CLI test files may build at once.
  const outDir = join(REPO_ROOT, '.tmp', `cli-test-${process.pid}-${randomUUID().slice(0, 8)}`)
  mkdirSync(outDir, { recursive: true })
  await build(cliBuildConfig(join(REPO_ROOT, 'test/unit/support/cliFastEntry.ts'), outDir))
  return { entry: join(outDir, 'index.js'), cleanup: () => rmSync(outDir, { recursive: true, force: true }) }
}

export interface SeededWorkspace {
  dataDir: string
  ids: { orders: string; ordersCluster: string; pendingMember: string; owner: string }
  cleanup(): void
}

export interface SeedOptions {
  /** A second cluster filled to the per-cluster user limit (the limit tests need it; it costs ~100 hashes). */
  fullCluster?: boolean
}

export async function seedWorkspace(options: SeedOptions = {}): Promise<SeededWorkspace> {
  const dataDir = makeTempDir()
  const clock = createManualClock(Date.now())
  const core = await createCore({
    dataDir,
    kdf: FAST_TEST_KDF,
    passwordHashing: FAST_TEST_PASSWORD_HASHING,
    logger: createMemoryLogger(),
    clock,
  })
  const owner = await core.accounts.createWorkspace({ organizationName: 'Acme Vector Ops', ...PEOPLE.owner })
  const actor: Actor = { accountId: owner.account.id, displayName: owner.account.displayName }
  const orders = core.projects.create(actor, { name: ORDERS.project })
  const created = core.clusters.create(actor, {
    projectId: orders.id,
    name: ORDERS.cluster,
    endpoint: ORDERS.endpoint,
    dbAdminPassword: { mode: 'generate' },
  })
  core.reveals.dismiss(actor, created.reveal.ticketId)
  if (options.fullCluster ?? true) {
    const full = core.clusters.create(actor, {
      projectId: orders.id,
      name: FULL_CLUSTER,
      endpoint: 'https://in01-full.example:19530',
      dbAdminPassword: { mode: 'generate' },
    })
    core.reveals.dismiss(actor, full.reveal.ticketId)
    for (let index = 1; index < 100; index += 1) {
      const added = core.clusterUsers.add(actor, {
        clusterId: full.cluster.id,
        username: `user${index}`,
        role: 'read_only',
        password: { mode: 'generate' },
      })
      core.reveals.dismiss(actor, added.reveal.ticketId)
    }
  }
  const invite = (person: { displayName: string; email: string }) =>
    core.members.add(actor, {
      displayName: person.displayName,
      email: person.email,
      orgRole: 'member',
      projectRoles: [{ projectId: orders.id, role: 'read_only' }],
    })
  const reader = invite(PEOPLE.reader)
  const throttled = invite(PEOPLE.throttled)
  const pending = invite(PEOPLE.pending)
  await core.members.redeem(PEOPLE.reader.email, reader.enrollment.code, PEOPLE.reader.passphrase)
  core.accounts.signOut()
  await core.members.redeem(PEOPLE.throttled.email, throttled.enrollment.code, PEOPLE.throttled.passphrase)
  core.accounts.signOut()
  // Tom typed wrong passphrases until he was locked out: ten failures, each after the previous
  // lock-out ran out (the seeding clock moves; the CLI's real clock then sees the last lock).
  for (let attempt = 0; attempt < 10; attempt += 1) {
    clock.advance(10 * 60 * 1000)
    await core.accounts.signIn(throttled.member.id, 'not what tom chose').catch(() => undefined)
  }
  core.close()
  return {
    dataDir,
    ids: { orders: orders.id, ordersCluster: created.cluster.id, pendingMember: pending.member.id, owner: owner.account.id },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  argv: string[]
}

export interface RunOptions {
  /** Written to the child's file descriptor 3; pass with `--passphrase-fd 3`. */
  fd3?: string
  /** Written to file descriptor 4 (e.g. a typed password with `--password-fd 4`). */
  fd4?: string
  /** Written to file descriptor 5 (e.g. a backup passphrase with `--backup-passphrase-fd 5`). */
  fd5?: string
  /** Standard input (otherwise it is closed, as for a script run without input). */
  stdin?: string
  env?: Record<string, string>
  cwd?: string
}

export function runCli(entry: string, args: string[], options: RunOptions = {}): Promise<CliRun> {
  const argv = [entry, ...args]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, argv, {
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    })
    let stdout = ''
    let stderr = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const feed = (index: 3 | 4 | 5, text: string | undefined) => {
      const stream = (child.stdio as unknown as NodeJS.WritableStream[])[index]!
      stream.on('error', () => undefined)
      stream.end(text === undefined ? '' : `${text}\n`)
    }
    feed(3, options.fd3)
    feed(4, options.fd4)
    feed(5, options.fd5)
    if (options.stdin !== undefined) child.stdin!.end(options.stdin)
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr, argv }))
  })
}

type Person = 'owner' | 'reader' | 'throttled'

/**
 * Runs commands as the seeded people and remembers every run and every secret handled, so
 * a file can end with {@link CliHarness.expectNoLeaks}.
 */
export interface CliHarness {
  readonly runs: CliRun[]
  /** Every secret the runs handled: passphrases, typed and printed passwords, codes. */
  readonly secrets: Set<string>
  as(person: Person, args: string[], options?: RunOptions): Promise<CliRun>
  /** A run not signed in as a seeded person (its own --email / passphrase), still recorded. */
  raw(args: string[], options?: RunOptions): Promise<CliRun>
  /** No secret in any run's argv or stderr or in the workspace log; no password or code in --json output without --reveal. */
  expectNoLeaks(minimumRuns: number): void
}

export function cliHarness(getCli: () => { entry: string }, getWorld: () => SeededWorkspace): CliHarness {
  const runs: CliRun[] = []
  const secrets = new Set<string>([PEOPLE.owner.passphrase, PEOPLE.reader.passphrase, PEOPLE.throttled.passphrase])
  const record = (run: CliRun) => {
    runs.push(run)
    return run
  }
  return {
    runs,
    secrets,
    async as(person, args, options = {}) {
      const world = getWorld()
      return record(
        await runCli(getCli().entry, ['--data-dir', world.dataDir, '--email', PEOPLE[person].email, '--passphrase-fd', '3', ...args], {
          fd3: PEOPLE[person].passphrase,
          ...options,
        }),
      )
    },
    async raw(args, options = {}) {
      return record(await runCli(getCli().entry, args, options))
    },
    expectNoLeaks(minimumRuns) {
      expect(runs.length).toBeGreaterThanOrEqual(minimumRuns)
      const log = readFileSync(join(getWorld().dataDir, 'cluster-credentials.log'), 'utf8')
      expect(log).toContain('cli.starting')
      for (const secret of secrets) {
        for (const run of runs) {
          expect(run.argv.join(' ')).not.toContain(secret)
          expect(run.stderr).not.toContain(secret)
        }
        expect(log).not.toContain(secret)
      }
      const jsonRuns = runs.filter((run) => run.argv.includes('--json') && !run.argv.includes('--reveal'))
      expect(jsonRuns.length).toBeGreaterThan(0)
      for (const run of jsonRuns) {
        expect(run.stdout).not.toMatch(/"(password|code)"\s*:/)
        for (const secret of secrets) expect(run.stdout).not.toContain(secret)
      }
    },
  }
}

export function json<T = Record<string, unknown>>(run: CliRun): T {
  return JSON.parse(run.stdout) as T
}

/** A refusal: the exit code, `error: <CODE>: ` on stderr and nothing on stdout. */
export function expectError(run: CliRun, exitCode: number, code: string): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: exitCode, stderr: expect.stringContaining(`error: ${code}: `) })
  expect(run.stdout).toBe('')
}

/** One answer typed at a terminal prompt: `type` is written once `after` has appeared in the output. */
export interface TerminalAnswer {
  after: string
  type: string
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`), as a person would: stdin and
 * stdout are a terminal. Each answer is typed only when its prompt has been printed, as a
 * person types after reading it (typed earlier, the terminal would echo it before the
 * prompt turns echo off). `stdout` is the whole terminal transcript, stderr included.
 */
export function runCliInTerminal(entry: string, args: string[], answers: TerminalAnswer[] = []): Promise<CliRun> {
  const argv = [entry, ...args]
  const command = [process.execPath, ...argv].map(shellQuote).join(' ')
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', TERM: 'dumb' },
    })
    let transcript = ''
    let stderr = ''
    const pending = [...answers]
    // Where the next prompt is looked for: after the one last answered.
    let searchFrom = 0
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      transcript += chunk
      for (let next = pending[0]; next; next = pending[0]) {
        const at = transcript.indexOf(next.after, searchFrom)
        if (at === -1) break
        searchFrom = at + next.after.length
        child.stdin.write(pending.shift()!.type)
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdin.on('error', () => undefined)
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout: transcript, stderr, argv }))
  })
}

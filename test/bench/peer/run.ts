/**
 * `npm run bench:peer` (issue 10, "Benchmark side by side"): our command line against
 * keepassxc-cli on a 10,000-entry store each, with the same Argon2id parameters, in one
 * hyperfine run: open + search a term, open + show one entry (with its password), open +
 * list. Prints each pair's ratio (ours / keepassxc-cli) and, because the KDF dominates
 * both, the time beyond the KDF, with each side's KDF measured alone.
 *
 *   npm run bench:peer                  # builds the CLI, reuses .tmp/bench-peer if it matches
 *   npm run bench:peer -- --fresh       # rebuild both stores
 *   npm run bench:peer -- --runs 20     # hyperfine runs per command (default 10)
 *
 * Needs keepassxc-cli (Debian: keepassxc) and hyperfine on the PATH, and python3 with
 * Debian's libargon2 (what keepassxc-cli links) to time KeePassXC's KDF alone. Not part of
 * `npm test`, and .ci/run installs none of them.
 *
 * Our store: a real workspace made through the core with the production KDF policy
 * (calibrated on this machine, as the app does); its account key's stored Argon2id
 * parameters are then written into the KeePassXC database, whose format carries them
 * exactly (iterations, memory, parallelism 1, Argon2 version 0x13).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { createCore } from '../../../electron/core/core'
import { PRODUCTION_KDF_POLICY, type KdfParams } from '../../../electron/core/crypto/kdf'
import { PRODUCTION_PASSWORD_HASHING } from '../../../electron/core/crypto/passwordHash'
import { loadSodium } from '../../../electron/core/crypto/sodium'
import { createMemoryLogger } from '../../../electron/core/log'
import type { ImportedEntry } from '../../../electron/core/vault/vaultService'
import { median } from '../timing'
import { writeKdbx, type KdbxEntry } from './kdbx'

const REPO_ROOT = resolve(import.meta.dirname, '../../..')
const WORK = join(REPO_ROOT, '.tmp', 'bench-peer')
const ENTRY_COUNT = 10_000
const EMAIL = 'bench@peer.example'
/** Synthetic data: this passphrase protects nothing but the benchmark's own throwaway stores. */
const PASSPHRASE = 'bench peer passphrase, throwaway'
const SERVICES = ['orders', 'billing', 'search', 'analytics', 'ledger', 'catalog', 'payments', 'identity', 'shipping', 'pricing']
const ENVS = ['prod', 'staging', 'dev', 'qa']
/** In one title of ten and nowhere else: a search with 1,000 hits on both sides. */
const SEARCH_TERM = 'ledger'
const MANIFEST_VERSION = 2

interface Manifest {
  version: number
  entries: number
  kdf: KdfParams
  showTitle: string
}

function fail(message: string): never {
  process.stderr.write(`bench:peer: ${message}\n`)
  process.exit(1)
}

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

function benchEntry(index: number): KdbxEntry {
  const service = SERVICES[index % SERVICES.length]!
  const env = ENVS[Math.floor(index / SERVICES.length) % ENVS.length]!
  const suffix = String(index).padStart(5, '0')
  return {
    title: `${service}-${env}-${suffix}`,
    username: `svc_${suffix}`,
    password: `Bench-${suffix}-${(index * 7919).toString(36)}-Zq!`,
    url: `https://in0${index % 9}-${(index * 104729).toString(16)}.vectordb.example:19530`,
    notes: index % 10 === 0 ? `rotated quarterly (${suffix})` : '',
    tags: [env, `team${index % 20}`],
  }
}

async function buildStores(): Promise<Manifest> {
  rmSync(WORK, { recursive: true, force: true })
  mkdirSync(join(WORK, 'workspace'), { recursive: true })
  const entries = Array.from({ length: ENTRY_COUNT }, (_, index) => benchEntry(index))
  process.stdout.write(`Building the ${ENTRY_COUNT}-entry vault (production KDF policy, calibrated here)…\n`)
  const core = await createCore({
    dataDir: join(WORK, 'workspace'),
    kdf: PRODUCTION_KDF_POLICY,
    passwordHashing: PRODUCTION_PASSWORD_HASHING,
    logger: createMemoryLogger(),
  })
  try {
    const session = await core.accounts.createWorkspace({
      organizationName: 'Bench Org',
      displayName: 'Bench Admin',
      email: EMAIL,
      passphrase: PASSPHRASE,
    })
    const actor = { accountId: session.account.id, displayName: session.account.displayName }
    const imported: ImportedEntry[] = entries.map((entry) => ({
      title: entry.title,
      clusterId: null,
      endpoint: entry.url,
      username: entry.username,
      password: entry.password,
      notes: entry.notes,
      tags: entry.tags,
      clusterRole: null,
      source: null,
      history: [],
      link: 'unlinked',
      credentialVersion: null,
      sameWorkspace: false,
    }))
    // One transaction, the path a backup import takes; each entry sealed as the app seals it.
    core.vault.writeImported(
      actor,
      imported.map((entry) => ({ action: 'add' as const, matchesEntryId: null, entry })),
      { action: 'vault.import', target: `bench: ${ENTRY_COUNT} entries` },
    )
  } finally {
    core.close()
  }
  const kdf = storedKdfParams(join(WORK, 'workspace', 'workspace.db'))
  process.stdout.write(`Writing the ${ENTRY_COUNT}-entry KeePassXC database with the same Argon2id parameters…\n`)
  const sodium = await loadSodium()
  writeFileSync(join(WORK, 'peer.kdbx'), writeKdbx(sodium, PASSPHRASE, { iterations: kdf.opslimit, memoryBytes: kdf.memlimit }, entries))
  const manifest: Manifest = { version: MANIFEST_VERSION, entries: ENTRY_COUNT, kdf, showTitle: entries[ENTRY_COUNT / 2]!.title }
  writeFileSync(join(WORK, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return manifest
}

/** The Argon2id parameters stored with the bench account's wrapped key. */
function storedKdfParams(dbFile: string): KdfParams {
  const db = new Database(dbFile, { readonly: true })
  try {
    return db.prepare('SELECT kdf_alg AS alg, kdf_opslimit AS opslimit, kdf_memlimit AS memlimit FROM account_keys').get() as KdfParams
  } finally {
    db.close()
  }
}

function loadManifest(): Manifest | null {
  try {
    const manifest = JSON.parse(readFileSync(join(WORK, 'manifest.json'), 'utf8')) as Manifest
    const complete = existsSync(join(WORK, 'peer.kdbx')) && existsSync(join(WORK, 'workspace', 'workspace.db'))
    return manifest.version === MANIFEST_VERSION && manifest.entries === ENTRY_COUNT && complete ? manifest : null
  } catch {
    return null
  }
}

/**
 * Each side's Argon2id alone: the median of `runs` fresh processes each timing one
 * derivation in-process (first use of the memory included, as in a real open), the two
 * sides alternating so that load from elsewhere falls on both.
 */
function kdfAloneMs(kdf: KdfParams, runs: number): { ours: number; keepassxc: number | null } {
  const oursScript = `
    const sodium = require('libsodium-wrappers-sumo')
    sodium.ready.then(() => {
      const started = performance.now()
      sodium.crypto_pwhash(32, new Uint8Array(32), new Uint8Array(16), ${kdf.opslimit}, ${kdf.memlimit}, sodium.crypto_pwhash_ALG_ARGON2ID13)
      process.stdout.write(String(performance.now() - started))
    })
  `
  // KeePassXC's KDF is libargon2 (`ldd $(command -v keepassxc-cli)` shows libargon2.so.1): the same call, through ctypes.
  const theirScript = `
import ctypes, time
lib = ctypes.CDLL('libargon2.so.1')
f = lib.argon2id_hash_raw
f.argtypes = [ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]
out = ctypes.create_string_buffer(32)
started = time.perf_counter()
rc = f(${kdf.opslimit}, ${kdf.memlimit / 1024}, 1, b'\\0' * 32, 32, b'\\0' * 16, 16, out, 32)
print((time.perf_counter() - started) * 1000 if rc == 0 else -1)
`
  const ours: number[] = []
  const theirs: number[] = []
  let theirsAvailable = true
  for (let run = 0; run < runs; run += 1) {
    // As the command line runs it: libsodium compiled optimised from the start (electron/cli/keyDerivation.ts).
    ours.push(Number(execFileSync(process.execPath, ['--no-liftoff', '-e', oursScript], { cwd: REPO_ROOT, encoding: 'utf8' })))
    if (!theirsAvailable) continue
    const result = spawnSync('python3', ['-c', theirScript], { encoding: 'utf8' })
    const ms = Number(result.stdout.trim())
    if (result.status === 0 && ms > 0) theirs.push(ms)
    else theirsAvailable = false
  }
  return { ours: median(ours), keepassxc: theirsAvailable ? median(theirs) : null }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

async function main(): Promise<void> {
  const missing = ['keepassxc-cli', 'hyperfine'].filter((tool) => !onPath(tool))
  if (missing.length > 0) {
    fail(
      `${missing.join(' and ')} not found. This benchmark compares against KeePassXC's command line: ` +
        "install Debian's packages first (sudo apt-get install keepassxc hyperfine), then run npm run bench:peer again.",
    )
  }
  const bin = join(REPO_ROOT, 'bin', 'cluster-credentials.mjs')
  if (!existsSync(join(REPO_ROOT, 'out', 'cli', 'index.js')))
    fail('the command line is not built: run npm run build (npm run bench:peer does).')
  const runs = Number(option('--runs') ?? 10)
  if (!Number.isInteger(runs) || runs < 2) fail('--runs takes a whole number of at least 2.')

  const manifest = (!process.argv.includes('--fresh') && loadManifest()) || (await buildStores())
  const { kdf } = manifest
  const passFile = join(WORK, 'passphrase')
  writeFileSync(passFile, `${PASSPHRASE}\n`, { mode: 0o600 })
  const kdbx = join(WORK, 'peer.kdbx')

  // Both stores open, and hold the same data, before anything is timed.
  const check = spawnSync('keepassxc-cli', ['search', '-q', kdbx, SEARCH_TERM], { input: `${PASSPHRASE}\n`, encoding: 'utf8' })
  if (check.status !== 0) fail(`keepassxc-cli cannot open the generated database: ${check.stderr.trim()}`)
  const ours = (args: string[]) =>
    ['node', bin, '--data-dir', join(WORK, 'workspace'), '--email', EMAIL, '--passphrase-file', passFile, ...args].map(shellQuote).join(' ')
  const ourSearch = spawnSync('sh', ['-c', `${ours(['--json', 'vault', 'search', SEARCH_TERM])}`], { encoding: 'utf8' })
  if (ourSearch.status !== 0) fail(`our CLI cannot search the vault: ${ourSearch.stderr.trim()}`)
  const ourHits = (JSON.parse(ourSearch.stdout) as { entries: unknown[] }).entries.length
  const theirHits = check.stdout.trim().split('\n').length
  if (ourHits !== theirHits) fail(`the stores differ: ${ourHits} hits here, ${theirHits} in KeePassXC for "${SEARCH_TERM}".`)

  const theirs = (args: string[]) => `keepassxc-cli ${args.map(shellQuote).join(' ')} < ${shellQuote(passFile)}`
  const pairs = [
    {
      name: `open + search "${SEARCH_TERM}" (${ourHits} hits)`,
      ours: ours(['vault', 'search', SEARCH_TERM]),
      theirs: theirs(['search', '-q', kdbx, SEARCH_TERM]),
    },
    {
      name: 'open + show one entry with its password',
      ours: ours(['--reveal', 'vault', 'show', manifest.showTitle]),
      theirs: theirs(['show', '-q', '-s', kdbx, manifest.showTitle]),
    },
    { name: `open + list (${ENTRY_COUNT} entries)`, ours: ours(['vault', 'list']), theirs: theirs(['ls', '-q', kdbx]) },
  ]
  const results = join(WORK, 'hyperfine.json')
  const args = ['--warmup', '2', '--runs', String(runs), '--export-json', results]
  for (const [index, pair] of pairs.entries()) args.push('-n', `ours ${index}`, pair.ours, '-n', `keepassxc-cli ${index}`, pair.theirs)
  process.stdout.write(
    `\nArgon2id for both: ${kdf.opslimit} iterations, ${kdf.memlimit / 1024 / 1024} MiB, parallelism 1 (version 0x13).\n` +
      `hyperfine, ${runs} runs per command after 2 warm-ups:\n\n`,
  )
  const loadBefore = loadavg()[0]!
  const hyperfine = spawnSync('hyperfine', args, { stdio: 'inherit' })
  if (hyperfine.status !== 0) fail('hyperfine failed.')

  process.stdout.write("\nTiming each side's KDF alone (median of 7 fresh processes each)…\n")
  const kdfMs = kdfAloneMs(kdf, 7)
  // Medians: other work on a shared machine shows up as outliers, which a mean would carry.
  const measured = (JSON.parse(readFileSync(results, 'utf8')) as { results: Array<{ command: string; median: number }> }).results
  const medianMs = (name: string) => 1000 * measured.find((result) => result.command === name)!.median
  const format = (ms: number) => `${Math.round(ms)} ms`
  const rows = pairs.map((pair, index) => {
    const oursMs = medianMs(`ours ${index}`)
    const theirsMs = medianMs(`keepassxc-cli ${index}`)
    const oursBeyond = oursMs - kdfMs.ours
    const theirsBeyond = kdfMs.keepassxc === null ? null : theirsMs - kdfMs.keepassxc
    return [
      pair.name,
      format(oursMs),
      format(theirsMs),
      (oursMs / theirsMs).toFixed(2),
      format(oursBeyond),
      theirsBeyond === null ? 'n/a' : format(theirsBeyond),
      theirsBeyond === null ? 'n/a' : (oursBeyond / theirsBeyond).toFixed(2),
    ]
  })
  const header = ['operation', 'ours', 'keepassxc-cli', 'ratio', 'ours beyond KDF', 'keepassxc-cli beyond KDF', 'ratio beyond KDF']
  const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n')
  const load = `${availableParallelism()} cores; 1-minute load average ${loadBefore.toFixed(1)} before the run, ${loadavg()[0]!.toFixed(1)} after`
  process.stdout.write(
    `\nMachine: ${load}.\nKDF alone: ours (libsodium, WASM) ${format(kdfMs.ours)}, keepassxc-cli (libargon2) ${
      kdfMs.keepassxc === null ? 'not measured (python3 or libargon2.so.1 missing)' : format(kdfMs.keepassxc)
    }.\nMedians of ${runs} runs; ratio = ours / keepassxc-cli (at most 1.00 is the target).\n\n${table}\n`,
  )
}

await main()

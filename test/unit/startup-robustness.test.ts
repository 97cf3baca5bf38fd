/**
 * What a person sees when the app cannot start, with the real core producing the
 * failure and main's mapping turning it into the error box text: an unusable data
 * folder and a workspace from a newer version each get a clear message, and nothing in
 * the data folder changes. (The single-instance decision: electron/main/singleInstance.test.ts.)
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, DATABASE_FILE_NAME } from '../../electron/core/core'
import { FAST_TEST_KDF } from '../../electron/core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../../electron/core/crypto/passwordHash'
import { createMemoryLogger } from '../../electron/core/log'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { describeStartupFailure } from '../../electron/main/startupFailure'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function tempFolder(): string {
  const folder = makeTempDir('cc-startup-')
  folders.push(folder)
  return folder
}

function open(dataDir: string) {
  return createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger: createMemoryLogger() })
}

/** What opening the folder threw, or null when it opened. */
function openFailure(dataDir: string): Promise<unknown> {
  return open(dataDir).then(
    () => null,
    (failure: unknown) => failure,
  )
}

function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of readdirSync(folder).sort()) {
    files[name] = createHash('sha256').update(readFileSync(join(folder, name))).digest('hex')
  }
  return files
}

describe('start-up failures', () => {
  it('an unusable data folder gets a clear message naming the folder and the way out', async () => {
    const parent = tempFolder()
    // A path below a regular file can never be created, even by root (who ignores modes).
    writeFileSync(join(parent, 'not-a-folder'), 'keep me')
    const dataDir = join(parent, 'not-a-folder', 'workspace')

    const error = await openFailure(dataDir)
    expect(error).toMatchObject({ code: 'STORAGE_UNAVAILABLE' })
    const failure = describeStartupFailure(error, { dataDir, logFile: null })
    expect(failure.title).toBe('Data folder unavailable')
    expect(failure.message).toContain(dataDir)
    expect(failure.message).toMatch(/Nothing was changed\./)
    expect(failure.message).toMatch(/--data-dir/)
    expect(readFileSync(join(parent, 'not-a-folder'), 'utf8')).toBe('keep me')
  })

  it('a workspace from a newer version is refused untouched, and still opens once the version matches', async () => {
    const dataDir = tempFolder()
    const core = await open(dataDir)
    await core.accounts.createWorkspace({
      organizationName: 'Acme Data',
      displayName: 'Ada Admin',
      email: 'ada@example.com',
      passphrase: 'correct horse battery staple',
    })
    core.close()

    const dbPath = join(dataDir, DATABASE_FILE_NAME)
    const raw = new Database(dbPath)
    const knownVersion = Number(raw.pragma('user_version', { simple: true }))
    raw.pragma(`user_version = ${knownVersion + 1}`)
    raw.close()
    const before = snapshot(dataDir)

    const error = await openFailure(dataDir)
    expect(error).toMatchObject({ code: 'SCHEMA_TOO_NEW' })
    const failure = describeStartupFailure(error, { dataDir, logFile: null })
    expect(failure.title).toBe('Workspace from a newer version')
    expect(failure.message).toMatch(/newer version/)
    expect(failure.message).toMatch(/Nothing was changed\./)
    expect(snapshot(dataDir)).toEqual(before)
    expect(existsSync(`${dbPath}-wal`)).toBe(before[`${DATABASE_FILE_NAME}-wal`] !== undefined)

    // Nothing was lost: with the version this build knows, the workspace is all there.
    const restore = new Database(dbPath)
    restore.pragma(`user_version = ${knownVersion}`)
    restore.close()
    const reopened = await open(dataDir)
    expect(reopened.accounts.listForSignIn().map((account) => account.displayName)).toEqual(['Ada Admin'])
    reopened.close()
  })
})

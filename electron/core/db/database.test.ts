import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { createMemoryLogger } from '../log'
import { makeTempDir } from '../testing/tempDir'
import { openDatabase } from './database'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'

const folders: string[] = []
function tempFolder(): string {
  const folder = makeTempDir('cc-db-')
  folders.push(folder)
  return folder
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function catchAppError(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('expected an AppError')
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  )
}

describe('openDatabase', () => {
  it('creates the folder, migrates a fresh database to the latest schema and sets the pragmas', () => {
    const path = join(tempFolder(), 'nested', 'data', 'workspace.db')
    const db = openDatabase(path, { logger: createMemoryLogger() })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('secure_delete', { simple: true })).toBe(1)
      expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000)
      expect(tableNames(db)).toEqual(
        expect.arrayContaining(['organization', 'accounts', 'account_keys', 'attempt_throttle', 'audit_log']),
      )
    } finally {
      db.close()
    }
  })

  it('creates the data folder 0700 and the database, -wal and -shm files 0600', () => {
    const folder = join(tempFolder(), 'nested', 'data')
    const path = join(folder, 'workspace.db')
    const db = openDatabase(path, { logger: createMemoryLogger() })
    try {
      db.prepare('INSERT INTO organization (id, name, created_at) VALUES (?, ?, ?)').run('org_1', 'Acme', 1)
      expect(modeOf(folder)).toBe(0o700)
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, modeOf(file)]).toEqual([file, 0o600])
    } finally {
      db.close()
    }
  })

  it('tightens a world-readable data folder and files left by an older version at start', () => {
    const folder = join(tempFolder(), 'data')
    const path = join(folder, 'workspace.db')
    openDatabase(path, { logger: createMemoryLogger() }).close()
    writeFileSync(`${path}-wal`, '')
    writeFileSync(`${path}-shm`, '')
    chmodSync(folder, 0o755)
    for (const file of [path, `${path}-wal`, `${path}-shm`]) chmodSync(file, 0o644)

    openDatabase(path, { logger: createMemoryLogger() }).close()
    expect(modeOf(folder)).toBe(0o700)
    expect(modeOf(path)).toBe(0o600)
    for (const file of [`${path}-wal`, `${path}-shm`]) if (existsSync(file)) expect(modeOf(file)).toBe(0o600)
  })

  it('reopens an up-to-date database without migrating again and keeps its data', () => {
    const path = join(tempFolder(), 'workspace.db')
    const first = openDatabase(path, { logger: createMemoryLogger() })
    first.prepare('INSERT INTO organization (id, name, created_at) VALUES (?, ?, ?)').run('org_1', 'Acme', 1)
    first.close()

    const logger = createMemoryLogger()
    const second = openDatabase(path, { logger })
    try {
      expect(second.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(second.prepare('SELECT name FROM organization').get()).toEqual({ name: 'Acme' })
      expect(logger.lines.some((line) => line.includes('db.migrated'))).toBe(false)
    } finally {
      second.close()
    }
  })

  it('enforces foreign keys', () => {
    const db = openDatabase(join(tempFolder(), 'workspace.db'), { logger: createMemoryLogger() })
    try {
      expect(() =>
        db.prepare('INSERT INTO project_members (project_id, account_id, role) VALUES (?, ?, ?)').run('prj_missing', 'acc_missing', 'owner'),
      ).toThrow(/FOREIGN KEY/)
    } finally {
      db.close()
    }
  })

  it('refuses a database from a newer version with SCHEMA_TOO_NEW and leaves the file byte for byte unchanged', () => {
    const folder = tempFolder()
    const path = join(folder, 'workspace.db')
    const newer = new Database(path)
    newer.exec('CREATE TABLE from_the_future (x TEXT); INSERT INTO from_the_future VALUES (\'keep me\');')
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    newer.close()
    const before = readFileSync(path)
    const filesBefore = readdirSync(folder).sort()

    const error = catchAppError(() => openDatabase(path, { logger: createMemoryLogger() }))
    expect(error.code).toBe('SCHEMA_TOO_NEW')
    expect(error.message).toContain('newer version')
    expect(error.message).toContain(String(LATEST_SCHEMA_VERSION + 1))

    expect(readFileSync(path).equals(before)).toBe(true)
    expect(readdirSync(folder).sort()).toEqual(filesBefore)
  })

  it('reports an unwritable data folder as STORAGE_UNAVAILABLE naming the folder', () => {
    // Tests run as root, which ignores permission bits: a path below a regular file fails for everyone.
    const blocker = join(tempFolder(), 'not-a-folder')
    writeFileSync(blocker, 'plain file')
    const dataFolder = join(blocker, 'data')

    const error = catchAppError(() => openDatabase(join(dataFolder, 'workspace.db'), { logger: createMemoryLogger() }))
    expect(error.code).toBe('STORAGE_UNAVAILABLE')
    expect(error.message).toContain(dataFolder)
    expect(readFileSync(blocker, 'utf8')).toBe('plain file')
  })

  it('reports a data file that is not a database as STORAGE_UNAVAILABLE and leaves it alone', () => {
    const folder = tempFolder()
    const path = join(folder, 'workspace.db')
    const garbage = Buffer.from('this is not an SQLite database, but somebody may still want it back '.repeat(200))
    writeFileSync(path, garbage)

    const error = catchAppError(() => openDatabase(path, { logger: createMemoryLogger() }))
    expect(error.code).toBe('STORAGE_UNAVAILABLE')
    expect(error.message).toContain('not a Cluster Credentials workspace')
    expect(readFileSync(path).equals(garbage)).toBe(true)
  })

  it.each([
    ['a nativeBinding path that does not exist', (folder: string) => join(folder, 'missing', 'better_sqlite3.node')],
    [
      'a nativeBinding file that is not an addon',
      (folder: string) => {
        const fake = join(folder, 'better_sqlite3.node')
        writeFileSync(fake, 'not a shared object')
        return fake
      },
    ],
  ])('reports %s as an unloadable native module with the rebuild commands, not as storage', (_case, makeBinding) => {
    const folder = tempFolder()
    const nativeBinding = makeBinding(folder)
    const path = join(folder, 'data', 'workspace.db')
    const logger = createMemoryLogger()

    const error = catchAppError(() => openDatabase(path, { logger, nativeBinding }))
    expect(error.code).toBe('NATIVE_MODULE_UNAVAILABLE')
    expect(error.message).toContain('better-sqlite3')
    expect(error.message).toContain('npm start')
    expect(error.message).toContain('npm rebuild better-sqlite3')
    expect(error.message).toContain('Nothing was changed')
    expect(error.message).not.toMatch(/data folder|writable|free space/)
    expect(existsSync(path)).toBe(false)
    expect(logger.lines.join('\n')).toContain('db.native_module_unavailable')
  })

  it('upgrades a version 2 workspace to one throttle table, carrying sign-in failure counts over', () => {
    const path = join(tempFolder(), 'workspace.db')
    const v2 = openDatabase(path, { logger: createMemoryLogger(), migrations: MIGRATIONS.filter((migration) => migration.version <= 2) })
    v2.prepare(`INSERT INTO accounts (id, display_name, email, org_role, status, created_at) VALUES ('acc_1', 'Ada', 'a@x.example', 'owner', 'active', 1)`).run()
    v2.prepare('INSERT INTO sign_in_throttle (account_id, consecutive_failures, locked_until) VALUES (?, ?, ?)').run('acc_1', 5, 12_345)
    v2.close()

    const upgraded = openDatabase(path, { logger: createMemoryLogger() })
    try {
      expect(upgraded.prepare('SELECT * FROM attempt_throttle').all()).toEqual([
        { scope: 'session.sign_in', subject: 'acc_1', consecutive_failures: 5, locked_until: 12_345 },
      ])
      expect(tableNames(upgraded)).not.toContain('sign_in_throttle')
    } finally {
      upgraded.close()
    }
  })

  it('upgrades a version 1 workspace in place, keeping its rows and adding the audit filter indexes', () => {
    const path = join(tempFolder(), 'workspace.db')
    const v1 = openDatabase(path, { logger: createMemoryLogger(), migrations: MIGRATIONS.filter((migration) => migration.version === 1) })
    v1.prepare('INSERT INTO organization (id, name, created_at) VALUES (?, ?, ?)').run('org_1', 'Acme', 1)
    expect(v1.pragma('user_version', { simple: true })).toBe(1)
    v1.close()

    const upgraded = openDatabase(path, { logger: createMemoryLogger() })
    try {
      expect(upgraded.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(upgraded.prepare('SELECT id, name FROM organization').all()).toEqual([{ id: 'org_1', name: 'Acme' }])
      const indexes = (upgraded.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'").all() as { name: string }[])
        .map((row) => row.name)
      expect(indexes).toEqual(expect.arrayContaining(['audit_log_by_actor', 'audit_log_by_cluster', 'audit_log_by_action', 'audit_log_by_outcome']))
    } finally {
      upgraded.close()
    }
  })

  it('rolls back every migration of a run when one fails, leaving version and data as they were', () => {
    const path = join(tempFolder(), 'workspace.db')
    const v1 = openDatabase(path, { logger: createMemoryLogger(), migrations: MIGRATIONS })
    v1.prepare('INSERT INTO organization (id, name, created_at) VALUES (?, ?, ?)').run('org_1', 'Acme', 1)
    v1.close()

    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'good', sql: 'CREATE TABLE added_by_v2 (x TEXT); DELETE FROM organization;' },
      { version: LATEST_SCHEMA_VERSION + 2, name: 'broken', sql: 'CREATE TABLE added_by_v3 (x TEXT); THIS IS NOT SQL;' },
    ]
    const error = catchAppError(() => openDatabase(path, { logger: createMemoryLogger(), migrations: broken }))
    expect(error.code).toBe('INTERNAL')
    expect(error.message).toContain('Nothing was changed')

    const after = openDatabase(path, { logger: createMemoryLogger() })
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(tableNames(after)).not.toContain('added_by_v2')
      expect(tableNames(after)).not.toContain('added_by_v3')
      expect(after.prepare('SELECT id FROM organization').all()).toEqual([{ id: 'org_1' }])
    } finally {
      after.close()
    }
  })

  it('applies the shipped migrations from scratch in one transaction (all tables or none)', () => {
    const path = join(tempFolder(), 'workspace.db')
    const broken: Migration[] = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'NOT SQL' }]
    expect(() => openDatabase(path, { logger: createMemoryLogger(), migrations: broken })).toThrow(AppError)
    expect(existsSync(path)).toBe(true)
    const raw = new Database(path)
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(0)
      expect(tableNames(raw)).toEqual([])
    } finally {
      raw.close()
    }
  })
})

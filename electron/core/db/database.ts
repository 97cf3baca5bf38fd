/**
 * Opens the workspace database: creates its folder (owner-only, like every file in it),
 * checks the schema version before
 * writing anything, sets the connection pragmas and applies pending migrations in one
 * transaction. Every failure a person can act on becomes a typed AppError.
 */
import { basename, dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '@shared/errors'
import { ensureOwnerOnlyFolder, restrictExistingFile } from '../fs/ownerOnly'
import type { Logger } from '../log'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations'
import { defaultNativeBinding, isNativeModuleLoadFailure, nativeModuleUnavailable } from './nativeModule'

export interface OpenDatabaseOptions {
  logger: Logger
  /** Path of a better-sqlite3 addon built for this runtime's ABI (Electron vs. Node). */
  nativeBinding?: string
  /** Replaces the shipped migrations; only tests pass this (e.g. to prove a failed migration rolls back). */
  migrations?: readonly Migration[]
}

/** How long a statement waits for a lock held by another connection before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000

export function openDatabase(path: string, options: OpenDatabaseOptions): BetterSqlite3.Database {
  const { logger } = options
  const migrations = options.migrations ?? MIGRATIONS
  const latestVersion = options.migrations ? latestVersionOf(migrations) : LATEST_SCHEMA_VERSION
  const folder = dirname(resolve(path))

  try {
    ensureOwnerOnlyFolder(folder)
  } catch (error) {
    logger.error('db.folder_unavailable', { folder, error: describe(error) })
    throw storageUnavailable(folder)
  }

  let db: BetterSqlite3.Database
  try {
    db = new Database(path, { nativeBinding: options.nativeBinding ?? defaultNativeBinding() })
  } catch (error) {
    if (isNativeModuleLoadFailure(error)) {
      logger.error('db.native_module_unavailable', { error: describe(error) })
      throw nativeModuleUnavailable()
    }
    logger.error('db.open_failed', { folder, error: describe(error) })
    throw classify(error, path, folder)
  }

  try {
    // Before anything writes: SQLite creates the -wal and -shm files with the database
    // file's mode, so an owner-only database keeps them owner-only. Files an older version
    // left readable by others are tightened too.
    for (const suffix of ['', '-wal', '-shm', '-journal']) restrictExistingFile(path + suffix)
    // Read the version before any pragma that writes (journal_mode=WAL rewrites the header):
    // a database from a newer version of the app must be left exactly as it was.
    const foundVersion = readUserVersion(db)
    if (foundVersion > latestVersion) {
      logger.error('db.schema_too_new', { foundVersion, latestVersion })
      throw new AppError(
        'SCHEMA_TOO_NEW',
        `The workspace in "${folder}" was saved by a newer version of Cluster Credentials ` +
          `(schema ${foundVersion}; this version understands up to ${latestVersion}). ` +
          'Install the newer version to open it. Nothing was changed.',
      )
    }
    configure(db)
    migrate(db, migrations, foundVersion, logger)
    return db
  } catch (error) {
    db.close()
    if (error instanceof AppError) throw error
    logger.error('db.prepare_failed', { folder, error: describe(error) })
    throw classify(error, path, folder)
  }
}

function configure(db: BetterSqlite3.Database): void {
  const journalMode = db.pragma('journal_mode = WAL', { simple: true })
  if (journalMode !== 'wal') throw new Error(`journal_mode is ${String(journalMode)}, expected wal`)
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  // FULL, not NORMAL: in WAL mode NORMAL can drop the last commits on power loss. Here a
  // lost commit can mean a password that was shown once no longer matches its stored hash,
  // or a missing audit row, and writes are rare human actions, so an fsync each is cheap.
  db.pragma('synchronous = FULL')
  // Overwrite deleted content with zeros so removed hashes and wrapped keys do not linger in free pages.
  db.pragma('secure_delete = ON')
  // Schema code (triggers, views) must not call functions with side effects beyond our own.
  db.pragma('trusted_schema = OFF')
}

function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[], fromVersion: number, logger: Logger): void {
  const pending = migrations.filter((migration) => migration.version > fromVersion)
  if (pending.length === 0) return
  const toVersion = latestVersionOf(migrations)
  // One transaction for all of them: a failure anywhere leaves the file at its old version.
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql)
      migration.fill?.(db)
    }
    db.pragma(`user_version = ${toVersion}`)
  }).immediate()
  logger.info('db.migrated', { fromVersion, toVersion, applied: pending.length })
}

function readUserVersion(db: BetterSqlite3.Database): number {
  return Number(db.pragma('user_version', { simple: true }))
}

function latestVersionOf(migrations: readonly Migration[]): number {
  return migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0)
}

function storageUnavailable(folder: string): AppError {
  return new AppError(
    'STORAGE_UNAVAILABLE',
    `Cluster Credentials cannot open or write its data folder "${folder}". ` +
      'Check that the folder exists, is writable by you and that the disk has free space.',
  )
}

function notAWorkspace(path: string, folder: string): AppError {
  return new AppError(
    'STORAGE_UNAVAILABLE',
    `The file "${basename(path)}" in "${folder}" is not a Cluster Credentials workspace or is damaged. ` +
      'Nothing was changed; move it aside to start a new workspace.',
  )
}

/** SQLite result codes that mean the disk or the file, not the app, is the problem. */
const STORAGE_CODES = /^SQLITE_(CANTOPEN|READONLY|IOERR|FULL|PERM|BUSY|LOCKED|AUTH)/
const DAMAGED_CODES = /^SQLITE_(NOTADB|CORRUPT)/

function classify(error: unknown, path: string, folder: string): AppError {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : ''
  if (DAMAGED_CODES.test(code)) return notAWorkspace(path, folder)
  if (STORAGE_CODES.test(code)) return storageUnavailable(folder)
  return new AppError(
    'INTERNAL',
    `Cluster Credentials could not prepare the workspace in "${folder}". Nothing was changed; the details are in the log.`,
  )
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message
  }
  return typeof error
}

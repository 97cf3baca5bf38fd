/**
 * The data folder and every file in it are for the signed-in OS user only: the workspace
 * holds wrapped keys, password hashes and the audit log, and the log names accounts.
 * Folders are 0700 and files 0600 when created, and existing ones are tightened at start
 * (an older version, a copy or a restore may have left them readable by others).
 * On Windows `chmod` only toggles the read-only flag; the profile folder's ACL applies.
 */
import { chmodSync, mkdirSync } from 'node:fs'

export const OWNER_ONLY_FOLDER_MODE = 0o700
export const OWNER_ONLY_FILE_MODE = 0o600

/** Creates the folder (and missing parents) owner-only, and tightens it if it already existed. */
export function ensureOwnerOnlyFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_FOLDER_MODE })
  chmodSync(folder, OWNER_ONLY_FOLDER_MODE)
}

/** Tightens the file if it exists; a missing file is fine. */
export function restrictExistingFile(path: string): void {
  try {
    chmodSync(path, OWNER_ONLY_FILE_MODE)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error
  }
}

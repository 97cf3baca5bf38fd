/**
 * A log sink appending JSON lines to a file in the data dir (owner-only permissions).
 * The previous file is kept as `.1` once it grows past a few MB. If the file cannot be
 * opened the sink falls back to stderr rather than stopping the app.
 */
import { closeSync, fchmodSync, openSync, renameSync, statSync, writeSync } from 'node:fs'
import { OWNER_ONLY_FILE_MODE, restrictExistingFile } from '../core/fs/ownerOnly'
import { stderrSink, type LogSink } from '../core/log'

export const LOG_FILE_NAME = 'cluster-credentials.log'
const ROTATE_AT_BYTES = 5 * 1024 * 1024

export interface FileSink extends LogSink {
  /** The file being written, or null when writing to stderr. */
  readonly path: string | null
  close(): void
}

export function createFileSink(path: string): FileSink {
  try {
    if ((statSync(path, { throwIfNoEntry: false })?.size ?? 0) > ROTATE_AT_BYTES) renameSync(path, `${path}.1`)
  } catch {
    // Rotation is best effort; appending to a large file is fine.
  }
  let fd: number | null
  try {
    restrictExistingFile(`${path}.1`)
    fd = openSync(path, 'a', OWNER_ONLY_FILE_MODE)
    // The mode above applies only to a new file; one left by an older version is tightened.
    fchmodSync(fd, OWNER_ONLY_FILE_MODE)
  } catch {
    fd = null
  }
  return {
    path: fd === null ? null : path,
    write(line) {
      if (fd === null) return stderrSink.write(line)
      try {
        writeSync(fd, line + '\n')
      } catch {
        stderrSink.write(line)
      }
    },
    close() {
      if (fd !== null) closeSync(fd)
      fd = null
    },
  }
}

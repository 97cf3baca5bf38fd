import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh empty folder under the OS temp dir; the caller deletes it. */
export function makeTempDir(prefix = 'cc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

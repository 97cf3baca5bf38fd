#!/usr/bin/env node
// The `cluster-credentials` / `ccred` command: runs the build of electron/cli (npm run build).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = new URL('../out/cli/index.js', import.meta.url)
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('error: INTERNAL: The command line is not built yet. Run `npm run build` in the cluster-credentials folder.\n')
  process.exit(1)
}
await import(built.href)

/**
 * Once per Playwright run: check the production build exists (the e2e suite tests what
 * ships) and bundle the bridge's init script.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildBridgeInitScript } from './buildInitScript'
import { findElectron } from './electronBinary'
import { RENDERER_ROOT } from './paths'

export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
    throw new Error(`No built renderer at ${RENDERER_ROOT}: run \`npm run build\` before \`npm run test:e2e\` (\`npm test\` does both).`)
  }
  await buildBridgeInitScript()
  // The list reporter shows skips without their reason; say it once, up front.
  const electron = findElectron()
  process.stderr.write(
    electron.available
      ? `[e2e] electron project: running against ${electron.executablePath}\n`
      : `[e2e] electron project: every test is skipped: ${electron.reason}\n`,
  )
}

/**
 * Bundles the bridge's init script with Vite (library mode, one IIFE) so the page gets
 * the same `createPreloadApi` the Electron preload is built from.
 */
import { build } from 'vite'
import { join } from 'node:path'
import { BRIDGE_INIT_SCRIPT, BRIDGE_OUT_DIR, REPO_ROOT } from './paths'

export async function buildBridgeInitScript(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    resolve: { alias: { '@shared': join(REPO_ROOT, 'shared') } },
    build: {
      outDir: BRIDGE_OUT_DIR,
      emptyOutDir: true,
      minify: false,
      sourcemap: false,
      lib: {
        entry: join(REPO_ROOT, 'test', 'bridge', 'client', 'installApi.ts'),
        formats: ['iife'],
        name: 'ccBridgeInstallApi',
        fileName: () => 'install-api.js',
      },
    },
  })
  return BRIDGE_INIT_SCRIPT
}

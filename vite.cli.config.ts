/**
 * Builds the command line (electron/cli) for plain Node 20+: one ES module in out/cli,
 * with every npm dependency left external so better-sqlite3 loads its Node build from
 * node_modules (the Electron build in .native/ is only for the app). `npm run build` runs
 * this after electron-vite; the CLI tests build their fast-KDF entry with the same config.
 */
import { resolve } from 'node:path'
import { defineConfig, type InlineConfig } from 'vite'

export function cliBuildConfig(entry: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@shared': resolve(import.meta.dirname, 'shared') } },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
    },
  }
}

export default defineConfig(cliBuildConfig(resolve(import.meta.dirname, 'electron/cli/index.ts'), resolve(import.meta.dirname, 'out/cli')))

import { defineConfig } from '@playwright/test'
import type { AppRuntime } from './test/e2e/fixtures'

/**
 * Two projects run the same specs: the Chromium bridge (always) and the real Electron
 * app (skipped with a reason where no Electron binary can run). Fixtures: test/e2e/fixtures.ts.
 */
export default defineConfig<{ appRuntime: AppRuntime }>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Resolves the `@shared/*` alias used by electron/main and shared code loaded by the bridge.
  tsconfig: './tsconfig.e2e.json',
  globalSetup: './test/bridge/globalSetup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  // A spec that needs more than this is too long: split it (each spec stays well under on a busy 2-core machine).
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  projects: [
    { name: 'chromium-bridge', use: { appRuntime: 'chromium-bridge' } },
    { name: 'electron', use: { appRuntime: 'electron' } },
  ],
})

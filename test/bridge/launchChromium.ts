import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from './paths'

/**
 * Debian's Chromium (its headless shell when headless; paths.ts), not a Playwright-downloaded one. Each launch gets a fresh temporary
 * profile (Playwright's default for `launch`), and each test its own browser context.
 * `extraArgs` add switches for one browser only (e.g. a fake camera fed from a file).
 */
export function launchBridgeChromium(options: { headless: boolean; extraArgs?: readonly string[] }): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(options),
    headless: options.headless,
    args: [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])],
  })
}

import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './paths'

/**
 * Debian's Chromium, not a Playwright-downloaded one. Each launch gets a fresh temporary
 * profile (Playwright's default for `launch`), and each test its own browser context.
 */
export function launchBridgeChromium(options: { headless: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    headless: options.headless,
    args: [...CHROMIUM_ARGS],
  })
}

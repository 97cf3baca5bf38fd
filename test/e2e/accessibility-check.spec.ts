/**
 * The accessibility helper itself: it must fail on a real violation in either colour
 * scheme, or every `expectAccessible` in the suite would pass vacuously. A static page in
 * the worker's bridge browser is enough; the app is not involved.
 */
import { expect, expectAccessible, test } from './fixtures'

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <title>axe self-check</title>
    <style>
      p { color: #111; background: #fff; }
      @media (prefers-color-scheme: dark) { .dark-only-faint { color: #333; background: #222; } }
    </style>
  </head>
  <body>
    <main><h1>Self-check</h1><p class="dark-only-faint">Readable in light, too faint in dark.</p>%EXTRA%</main>
  </body>
</html>`

test.beforeEach(({ appRuntime }) => {
  test.skip(appRuntime !== 'chromium-bridge', 'the helper is checked once, in the bridge project')
})

test('expectAccessible fails on a structural violation and on a dark-scheme contrast violation', async ({ bridgeBrowser }) => {
  const context = await bridgeBrowser!.browser.newContext()
  try {
    const page = await context.newPage()
    await page.setContent(PAGE.replace('%EXTRA%', '<button></button>'))
    const structural = await expectAccessible(page).then(
      () => null,
      (error: Error) => error.message,
    )
    expect(structural).toContain('button-name')
    expect(structural).toContain('light scheme')

    await page.setContent(PAGE.replace('%EXTRA%', ''))
    const contrast = await expectAccessible(page).then(
      () => null,
      (error: Error) => error.message,
    )
    expect(contrast).toContain('color-contrast')
    expect(contrast).toContain('dark scheme')
  } finally {
    await context.close()
  }
})

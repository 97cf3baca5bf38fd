/**
 * A 10,000-entry vault in real Chromium: the list keeps a screenful of rows in the DOM,
 * keyboard End reaches the last entry, and search answers replace the rows. The entries are
 * synthetic list answers injected at the bridge binding (main's own list and search speed is
 * measured by `npm run bench`); this spec is about the renderer staying small and responsive.
 */
import { createWorkspace, expect, test } from './fixtures'
import { openVault } from './vault-helpers'

const COUNT = 10_000

test('10,000 entries: a bounded DOM, keyboard to the last entry, search', async ({ app }) => {
  const { page } = app
  await createWorkspace(app)
  await page.evaluate((count) => {
    type Invoke = (channel: string, input: unknown) => Promise<unknown>
    const host = window as unknown as { __ccInvoke: Invoke }
    const original = host.__ccInvoke
    const entries = Array.from({ length: count }, (_, i) => ({
      id: `entry-${i}`,
      title: `Service ${String(i).padStart(5, '0')}`,
      username: `user_${i}`,
      clusterName: null,
      endpoint: `https://c${i % 97}.example:19530`,
      tags: i % 3 === 0 ? ['production'] : ['staging'],
      state: i % 50 === 0 ? 'outdated' : 'unlinked',
    }))
    const attention = { outdated: entries.filter((e) => e.state === 'outdated').length, orphaned: 0 }
    host.__ccInvoke = async (channel, input) => {
      if (channel !== 'vault.list') return original(channel, input)
      const query = ((input as { query?: string }).query ?? '').toLowerCase()
      const matched = query ? entries.filter((e) => `${e.title}\n${e.username}`.toLowerCase().includes(query)) : entries
      return { ok: true, value: { entries: matched, total: count, attention } }
    }
  }, COUNT)

  await openVault(page)
  const list = page.getByRole('listbox', { name: 'Vault entries' })
  await expect(page.getByTestId('vault-summary')).toHaveText('10000 entries')
  await expect(page.getByTestId('vault-attention')).toContainText('Need attention: 200 outdated.')
  const rendered = await list.getByRole('option').count()
  expect(rendered).toBeGreaterThan(3)
  expect(rendered).toBeLessThan(60)

  const keyboardMs = await page.evaluate(async () => {
    const listbox = document.querySelector<HTMLElement>('[role="listbox"]')!
    listbox.focus()
    const started = performance.now()
    listbox.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }))
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    return performance.now() - started
  })
  await expect(list).toHaveAttribute('aria-activedescendant', 'vault-entry-9999')
  await expect(list.getByRole('option', { name: /Service 09999/ })).toBeVisible()
  expect(await list.getByRole('option').count()).toBeLessThan(60)

  await page.getByRole('searchbox', { name: 'Search' }).fill('Service 0999')
  await expect(page.getByTestId('vault-summary')).toHaveText('10 of 10000 entries match')
  await expect(list.getByRole('option')).toHaveCount(10)
  test.info().annotations.push({
    type: 'measured',
    description: `End key to painted last row: ${keyboardMs.toFixed(1)} ms; rows in DOM: ${rendered}`,
  })
})

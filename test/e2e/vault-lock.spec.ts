/**
 * Lock and use: Ctrl+L locks (main wipes the key, every vault channel refuses), signing in
 * unlocks; then search, open by keyboard, reveal on demand, copy through main, and copy a
 * connect snippet whose password is only in what is copied.
 */
import { expect, expectAccessible, test } from './fixtures'
import { seedOwnerWithCluster } from './clusters-helpers'
import { openFirstMatch, openVault, seedKeptUser, unlock, vaultRow } from './vault-helpers'

const PASSWORD = 'Reader-Pass-4711'

test('lock, unlock, search, reveal, copy, connect', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await seedKeptUser(app, seeded, 'reader_1', PASSWORD)
  await seedKeptUser(app, seeded, 'writer_1', 'Writer-Pass-4711')
  await page.reload()
  await openVault(page)
  await expect(vaultRow(page, /reader_1/)).toBeVisible()

  await test.step('Ctrl+L locks: sign-in screen, vault channels refuse', async () => {
    await page.keyboard.press('Control+l')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    // The renderer reloaded (sessionEnd.ts) and says why the person is at sign-in.
    await expect(page.getByText('The account key was wiped from memory. Sign in to unlock.', { exact: true })).toBeVisible()
    const locked = await app.call('vault.list', {})
    expect(locked.ok ? 'ok' : locked.error.code).toMatch(/VAULT_LOCKED|UNAUTHENTICATED/)
    expect(await page.content()).not.toContain('reader_1')
  })

  await test.step('sign in unlocks; search and open by keyboard', async () => {
    await unlock(page)
    await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible()
    await openVault(page)
    await page.getByRole('searchbox', { name: 'Search' }).fill('nothing-like-this')
    await expect(page.getByText('No entries match')).toBeVisible()
    await openFirstMatch(page, 'orders read', '1 of 2 entries match')
    await expect(page.getByTestId('vault-entry-username')).toHaveText('reader_1')
  })

  await test.step('reveal on demand and hide; copy goes through main', async () => {
    expect(await page.content()).not.toContain(PASSWORD)
    // Checked while hidden: a revealed value hides itself after 30 s, less than axe may take on a busy machine.
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Show password of reader_1' }).click()
    await expect(page.getByTestId('vault-secret-value')).toHaveText(PASSWORD)
    await page.getByRole('button', { name: 'Hide password of reader_1' }).click()
    await expect(page.getByTestId('vault-secret-value')).toHaveCount(0)
    await page.getByRole('button', { name: 'Copy password of reader_1' }).click()
    await expect(page.getByText(/Copied — the clipboard will be cleared in \d+ s/)).toBeVisible()
    expect(await app.clipboard.readText()).toBe(PASSWORD)
    expect(await page.content()).not.toContain(PASSWORD)
  })

  await test.step('connect snippets never show the password; copying fills it in', async () => {
    const connect = page.getByRole('region', { name: 'Connect' })
    await expect(connect.locator('[data-snippet]')).toHaveCount(3)
    await connect.getByRole('button', { name: /Copy .*curl.* snippet/i }).click()
    await expect(connect.getByText(/Copied with the password/)).toBeVisible()
    expect(await app.clipboard.readText()).toContain(`reader_1:${PASSWORD}`)
    expect(await page.content()).not.toContain(PASSWORD)
  })
})

/**
 * The vault, first half: add a user → Keep in my vault from the show-once dialog → lock
 * (Ctrl+L) → unlock by signing in → search → reveal → copy. The kept password travels from
 * the ticket to the vault inside main; the renderer never sends it back.
 */
import { expect, expectAccessible, test } from './fixtures'
import { openCluster, recordRevealTickets, revealedPassword, seedOwnerWithCluster } from './clusters-helpers'
import { openVault, unlock, vaultRow } from './vault-helpers'

test('keep a shown-once password, lock, unlock, find it, reveal and copy it', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await recordRevealTickets(page)
  await openCluster(page, seeded)

  let password = ''
  await test.step('add a user and keep its password in the vault', async () => {
    await page.getByRole('button', { name: 'Add user' }).click()
    const addDialog = page.getByRole('dialog', { name: 'Add user' })
    await addDialog.getByLabel('Username').fill('reader_1')
    await addDialog.getByRole('button', { name: 'Add user' }).click()
    password = await revealedPassword(page)
    const dialog = page.getByRole('dialog', { name: 'Store this password' })
    await dialog.getByRole('button', { name: 'Keep in my vault' }).click()
    await expect(dialog.getByText(/Kept in your vault as/)).toBeVisible()
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Done' }).click()
    await expect(dialog).toBeHidden()
    expect(await page.content()).not.toContain(password)
  })

  await test.step('the vault lists it, with nothing secret on screen', async () => {
    await openVault(page)
    await expect(vaultRow(page, /reader_1/)).toBeVisible()
    await expect(page.getByTestId('vault-summary')).toHaveText('1 entry')
    expect(await page.content()).not.toContain(password)
    await expectAccessible(page)
  })

  await test.step('Ctrl+L locks: back to sign-in, and the vault answers VAULT_LOCKED', async () => {
    await page.keyboard.press('Control+l')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    const locked = await app.call('vault.list', {})
    expect(locked.ok ? 'ok' : locked.error.code).toMatch(/VAULT_LOCKED|UNAUTHENTICATED/)
    expect(await page.content()).not.toContain('reader_1')
  })

  await test.step('unlock by signing in, then search the vault', async () => {
    await unlock(page)
    await expect(page.getByRole('button', { name: /Account menu/ })).toBeVisible()
    await openVault(page)
    await page.getByRole('searchbox', { name: 'Search' }).fill('nothing-like-this')
    await expect(page.getByText('No entries match')).toBeVisible()
    await page.getByRole('searchbox', { name: 'Search' }).fill('orders read')
    await expect(vaultRow(page, /reader_1/)).toBeVisible()
    await expect(page.getByTestId('vault-summary')).toHaveText('1 of 1 entry match')
    // Keyboard only: from the search box into the list, Enter opens the entry.
    await page.getByRole('searchbox', { name: 'Search' }).press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('vault-entry-username')).toHaveText('reader_1')
    await expectAccessible(page)
  })

  await test.step('reveal on demand, hide again; copy goes through main', async () => {
    expect(await page.content()).not.toContain(password)
    await page.getByRole('button', { name: 'Show password of reader_1' }).click()
    await expect(page.getByTestId('vault-secret-value')).toHaveText(password)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Hide password of reader_1' }).click()
    await expect(page.getByTestId('vault-secret-value')).toHaveCount(0)
    expect(await page.content()).not.toContain(password)

    await page.getByRole('button', { name: 'Copy password of reader_1' }).click()
    await expect(page.getByText(/Copied — the clipboard will be cleared in \d+ s/)).toBeVisible()
    expect(await app.clipboard.readText()).toBe(password)
    expect(await page.content()).not.toContain(password)
  })

  await test.step('connect snippets show the endpoint but never the password; copy fills it in', async () => {
    const connect = page.getByRole('region', { name: 'Connect' })
    await expect(connect).toContainText('reader_1')
    expect(await connect.textContent()).not.toContain(password)
    await connect.getByRole('button', { name: /Copy .*curl.* snippet/i }).click()
    await expect(connect.getByText(/Copied with the password/)).toBeVisible()
    expect(await app.clipboard.readText()).toContain(`reader_1:${password}`)
    expect(await page.content()).not.toContain(password)
  })
})

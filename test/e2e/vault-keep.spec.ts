/**
 * Keeping: a new cluster user's password, shown once, goes into the vault with "Keep in my
 * vault". Main copies it from the open ticket; the renderer only sends the ticket id. The
 * ticket stays show-once: closing the dialog dismisses it as before.
 */
import { expect, expectAccessible, test } from './fixtures'
import { openCluster, recordedTicketIds, recordRevealTickets, revealedPassword, seedOwnerWithCluster } from './clusters-helpers'
import { openVault, vaultRow } from './vault-helpers'

test('Keep in my vault from the show-once dialog', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await recordRevealTickets(page)
  await openCluster(page, seeded)

  await page.getByRole('button', { name: 'Add user' }).click()
  const addDialog = page.getByRole('dialog', { name: 'Add user' })
  await addDialog.getByLabel('Username').fill('reader_1')
  await addDialog.getByRole('button', { name: 'Add user' }).click()
  const password = await revealedPassword(page)

  const dialog = page.getByRole('dialog', { name: 'Store this password' })
  await dialog.getByRole('button', { name: 'Keep in my vault' }).click()
  await expect(dialog.getByText(/Kept in your vault as/)).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Keep in my vault' })).toHaveCount(0)
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()
  expect(await page.content()).not.toContain(password)

  // Kept or not, the ticket was single-use: it no longer opens.
  const [ticketId] = await recordedTicketIds(page)
  const reopened = await app.call('reveal.open', { ticketId: ticketId! })
  expect(reopened.ok).toBe(false)

  await openVault(page)
  await expect(vaultRow(page, /reader_1/)).toBeVisible()
  await expect(page.getByTestId('vault-summary')).toHaveText('1 entry')
  expect(await page.content()).not.toContain(password)
  await expectAccessible(page)
})

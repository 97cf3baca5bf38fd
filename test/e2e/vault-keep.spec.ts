/**
 * Keeping: a new cluster user's password, shown once, goes into the vault with "Keep in my
 * vault". Main copies it from the open ticket; the renderer only sends the ticket id. The
 * ticket stays show-once: closing the dialog dismisses it as before. Then the kept entry is
 * handed off from its page: the renderer names the entry, main reads the password from the vault.
 */
import { expect, expectAccessible, test } from './fixtures'
import { openCluster, recordedTicketIds, recordRevealTickets, revealedPassword, seedOwnerWithCluster } from './clusters-helpers'
import { openVault, vaultRow } from './vault-helpers'

/** age's own example recipient (README of age): someone using `age` itself. */
const EXTERNAL_RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p'

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

  await test.step('"Hand off…" from the entry page to an external age recipient, as a file or QR code', async () => {
    const added = await app.call('contacts.addExternal', { name: 'Ops Laptop', ageRecipient: EXTERNAL_RECIPIENT })
    expect(added.ok).toBe(true)
    await vaultRow(page, /reader_1/).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Credential' })).toBeVisible()
    await page.getByRole('button', { name: 'Hand off…' }).click()
    const send = page.getByRole('dialog', { name: 'Hand off this password' })
    await send.getByLabel(/Ops Laptop/).check()
    await expect(send.getByText('Expiry and single use cannot be enforced there')).toBeVisible()
    await send.getByRole('button', { name: 'Hand off' }).click()
    await expect(send.getByText('Ops Laptop: give them this file or QR code.')).toBeVisible()
    await send.getByRole('button', { name: 'Show QR code' }).click()
    await expect(send.getByTestId('handoff-qr')).toBeVisible()
    await expect(send.getByText(/bytes in one QR code/)).toBeVisible()
    await expectAccessible(page)
    await send.getByRole('button', { name: 'Done' }).click()
    await expect(send).toBeHidden()
    expect(await page.content()).not.toContain(password)
  })
})

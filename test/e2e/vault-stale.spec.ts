/**
 * Staleness: resetting a kept user's password marks its entry outdated, dropping a user marks
 * its entry orphaned; the list shows badges and filters by them, the entry offers the fix.
 */
import { expect, expectAccessible, test } from './fixtures'
import { seedOwnerWithCluster, valueOf } from './clusters-helpers'
import { openVault, seedKeptUser, vaultRow } from './vault-helpers'

test('reset → outdated, drop → orphaned, update the outdated password', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await seedKeptUser(app, seeded, 'reader_1', 'Reader-Pass-0001')
  await seedKeptUser(app, seeded, 'writer_1', 'Writer-Pass-0001')
  const { reveal } = valueOf(
    await app.call('clusterUsers.resetPassword', {
      clusterId: seeded.clusterId,
      username: 'reader_1',
      password: { mode: 'typed', password: 'Reader-Pass-0002' },
    }),
  )
  valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
  valueOf(await app.call('clusterUsers.drop', { clusterId: seeded.clusterId, username: 'writer_1', confirmUsername: 'writer_1' }))
  await page.reload()

  await openVault(page)
  await expect(vaultRow(page, /reader_1/)).toContainText('Outdated')
  await expect(vaultRow(page, /writer_1/)).toContainText('Orphaned')
  await expect(page.getByTestId('vault-attention')).toContainText('Need attention: 1 outdated, 1 orphaned.')
  await page.getByRole('button', { name: 'Show outdated' }).click()
  await expect(page.getByLabel('Show', { exact: true })).toHaveValue('outdated')
  await expect(page.getByTestId('vault-summary')).toHaveText('1 of 2 entries match')
  await expectAccessible(page)

  await vaultRow(page, /reader_1/).click()
  await expect(page.getByText('Outdated password')).toBeVisible()
  await page.getByRole('button', { name: 'Update password' }).click()
  const dialog = page.getByRole('dialog', { name: /^Edit / })
  await expect(dialog.getByLabel('New password')).toBeFocused()
  await expectAccessible(page)
  await dialog.getByLabel('New password').fill('Reader-Pass-0002')
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Outdated password')).toBeHidden()
  await expect(page.getByText('1 earlier password, newest first.')).toBeVisible()
  // When it was replaced shows before anything is revealed.
  await expect(page.getByText(/^Earlier password 1 — replaced /)).toBeVisible()
})

/**
 * Seed section "Reset the password of a cluster user": from the Users tab, generated and
 * typed resets, each shown once; the new password verifies, the old one no longer does.
 */
import { PASSWORD_MESSAGES } from '../../shared/policy/clusterUser'
import { expect, expectAccessible, test } from './fixtures'
import { closeReveal, openCluster, revealedPassword, seedClusterUser, seedOwnerWithCluster, userRow, valueOf } from './clusters-helpers'

const OLD_PASSWORD = 'Old-Reader-Pass-1'
const TYPED_PASSWORD = 'Typed-Reader-Pass-2'

test('reset a password: shown once, the new one verifies and the old one does not', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await seedClusterUser(app, seeded, { username: 'reader_1', password: OLD_PASSWORD })
  await openCluster(page, seeded)
  await expect(userRow(page, 'reader_1')).toContainText('Never')

  let newPassword = ''
  await test.step('reset with a generated password', async () => {
    await page.getByRole('button', { name: 'Reset password of reader_1' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reset password of reader_1' })
    await expect(dialog).toBeVisible()
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Reset password' }).click()
    newPassword = await revealedPassword(page)
    expect(newPassword).not.toBe(OLD_PASSWORD)
    await expect(page.getByTestId('reveal-username')).toHaveText('reader_1')
    await closeReveal(page)
    expect(await page.content()).not.toContain(newPassword)
    await expect(userRow(page, 'reader_1')).toContainText('Ada Admin')
    await expect(userRow(page, 'reader_1')).not.toContainText('Never')
  })

  await test.step('verify a credential: new one valid with its role, old one invalid; the field is cleared', async () => {
    await page.getByRole('button', { name: 'Verify a credential' }).click()
    const dialog = page.getByRole('dialog', { name: 'Verify a credential' })
    await dialog.getByLabel('Username').fill('reader_1')
    await dialog.getByLabel('Password').fill(newPassword)
    await dialog.getByRole('button', { name: 'Verify' }).click()
    await expect(dialog.getByText('reader_1 authenticates with role read_only.')).toBeVisible()
    await expect(dialog.getByLabel('Password')).toHaveValue('')
    await expectAccessible(page)

    await dialog.getByLabel('Password').fill(OLD_PASSWORD)
    await dialog.getByRole('button', { name: 'Verify' }).click()
    await expect(dialog.getByText('Invalid credential')).toBeVisible()
    await expect(dialog.getByLabel('Password')).toHaveValue('')
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click()
    await expect(dialog).toBeHidden()
  })

  await test.step('a typed password must differ from the current one and meet the policy', async () => {
    await page.getByRole('button', { name: 'Reset password of reader_1' }).click()
    const dialog = page.getByRole('dialog', { name: 'Reset password of reader_1' })
    await dialog.getByLabel('Type my own').check()
    const field = dialog.getByLabel('Password', { exact: true })
    await field.fill('alllowercase')
    await expect(dialog.getByText(PASSWORD_MESSAGES.classes)).toBeVisible()
    await field.fill(newPassword)
    await dialog.getByRole('button', { name: 'Reset password' }).click()
    await expect(dialog.getByRole('alert')).toContainText('The new password must differ from the current one.')

    await field.fill(TYPED_PASSWORD)
    await dialog.getByRole('button', { name: 'Reset password' }).click()
    expect(await revealedPassword(page)).toBe(TYPED_PASSWORD)
    await closeReveal(page)
    expect(await page.content()).not.toContain(TYPED_PASSWORD)
    const check = valueOf(
      await app.call('clusterUsers.verifyCredential', { clusterId: seeded.clusterId, username: 'reader_1', password: TYPED_PASSWORD }),
    )
    expect(check).toEqual({ valid: true, role: 'read_only' })
  })
})

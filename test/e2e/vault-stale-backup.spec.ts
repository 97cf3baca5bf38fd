/**
 * The vault, second half: reset a kept user's password → the entry turns outdated (badge in
 * the list, an offer to update or delete on the entry); drop a user → orphaned. Then a backup:
 * export to an age file (downloaded), delete an entry, import the file with a preview of what
 * is added / skipped before anything is applied.
 */
import { readFile } from 'node:fs/promises'
import { expect, expectAccessible, test } from './fixtures'
import { seedOwnerWithCluster, valueOf } from './clusters-helpers'
import { openVault, seedKeptUser, vaultRow } from './vault-helpers'

const BACKUP_PASSPHRASE = 'a separate backup passphrase'

test('reset → outdated, drop → orphaned; update the outdated one; export and import a backup', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await seedKeptUser(app, seeded, 'reader_1', 'Reader-Pass-0001')
  await seedKeptUser(app, seeded, 'writer_1', 'Writer-Pass-0001')

  await test.step('reset and drop: the vault shows outdated and orphaned badges', async () => {
    const { reveal } = valueOf(
      await app.call('clusterUsers.resetPassword', {
        clusterId: seeded.clusterId,
        username: 'reader_1',
        password: { mode: 'typed', password: 'Reader-Pass-0002' },
      }),
    )
    valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
    valueOf(await app.call('clusterUsers.drop', { clusterId: seeded.clusterId, username: 'writer_1', confirmUsername: 'writer_1' }))
    await openVault(page)
    await expect(vaultRow(page, /reader_1/)).toContainText('Outdated')
    await expect(vaultRow(page, /writer_1/)).toContainText('Orphaned')
    await page.getByLabel('Show', { exact: true }).selectOption('outdated')
    await expect(page.getByTestId('vault-summary')).toHaveText('1 of 2 entries match')
    await expectAccessible(page)
    await page.getByLabel('Show', { exact: true }).selectOption('')
  })

  await test.step('the outdated entry offers to update its password', async () => {
    await vaultRow(page, /reader_1/).click()
    await expect(page.getByText('Outdated password')).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Update password' }).click()
    const dialog = page.getByRole('dialog', { name: /^Edit / })
    await expect(dialog.getByLabel('New password')).toBeFocused()
    await expectAccessible(page)
    await dialog.getByLabel('New password').fill('Reader-Pass-0002')
    await dialog.getByRole('button', { name: 'Save changes' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Outdated password')).toBeHidden()
    await expect(page.getByText('1 earlier password, newest first.')).toBeVisible()
  })

  let backupPath = ''
  await test.step('export: the passphrase twice, then main encrypts and the file is saved', async () => {
    await openVault(page)
    await page.getByRole('button', { name: 'Export backup' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export backup' })
    await dialog.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE)
    await dialog.getByLabel('Repeat backup passphrase').fill(BACKUP_PASSPHRASE)
    await expectAccessible(page)
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export and save' }).click()
    backupPath = (await (await download).path()) ?? ''
    const text = await readFile(backupPath, 'utf8')
    expect(text).toContain('-----BEGIN AGE ENCRYPTED FILE-----')
    expect(text).not.toContain('Reader-Pass-0002')
    await expect(dialog).toBeHidden()
  })

  await test.step('delete the orphaned entry after confirming', async () => {
    await vaultRow(page, /writer_1/).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    const confirm = page.getByRole('dialog', { name: /^Delete / })
    await expectAccessible(page)
    await confirm.getByRole('button', { name: 'Delete entry' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Vault' })).toBeVisible()
    await expect(page.getByTestId('vault-summary')).toHaveText('1 entry')
  })

  await test.step('import: a preview of added and skipped entries, then apply', async () => {
    await page.getByRole('button', { name: 'Import backup' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import backup' })
    await dialog.getByLabel('Backup file').setInputFiles(backupPath)
    await dialog.getByLabel('Backup passphrase').fill('not the backup passphrase')
    await dialog.getByRole('button', { name: 'Preview import' }).click()
    await expect(dialog.getByText('This backup passphrase does not open the file. Nothing was imported.')).toBeVisible()
    await dialog.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE)
    await dialog.getByRole('button', { name: 'Preview import' }).click()
    const preview = dialog.getByTestId('vault-import-preview')
    await expect(preview).toContainText('1 to add')
    await expect(preview).toContainText('1 to skip')
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Import 1 entry' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('vault-summary')).toHaveText('2 entries')
    await expect(vaultRow(page, /writer_1/)).toBeVisible()
  })
})

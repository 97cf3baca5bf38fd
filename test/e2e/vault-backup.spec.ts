/**
 * Backup: export to one age file under a backup passphrase (downloaded by the browser; main
 * produced the ciphertext), then import it with a preview of what is added and skipped —
 * a wrong passphrase imports nothing.
 */
import { readFile } from 'node:fs/promises'
import { expect, expectAccessible, test } from './fixtures'
import { seedOwnerWithCluster } from './clusters-helpers'
import { openVault, seedKeptUser, vaultRow } from './vault-helpers'

const BACKUP_PASSPHRASE = 'a separate backup passphrase'

test('export a backup, delete an entry, import it back with a preview', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await seedKeptUser(app, seeded, 'reader_1', 'Reader-Pass-0001')
  const writerId = await seedKeptUser(app, seeded, 'writer_1', 'Writer-Pass-0001')
  await page.reload()
  await openVault(page)

  let backupPath = ''
  await test.step('export: passphrase twice, the age file is saved', async () => {
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
    expect(text).not.toContain('Writer-Pass-0001')
    await expect(dialog).toBeHidden()
  })

  await test.step('delete an entry after confirming', async () => {
    await vaultRow(page, /writer_1/).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    const confirm = page.getByRole('dialog', { name: /^Delete / })
    await confirm.getByRole('button', { name: 'Delete entry' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Vault' })).toBeVisible()
    await expect(page.getByTestId('vault-summary')).toHaveText('1 entry')
    const gone = await app.call('vault.get', { entryId: writerId })
    expect(gone.ok ? 'ok' : gone.error.code).toBe('NOT_FOUND')
  })

  await test.step('import: wrong passphrase refused, then a preview, then apply', async () => {
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

/**
 * Audit log: the actions of the other sections appear (denied ones with their code),
 * filters, "Load more" paging, CSV export; and "Verify chain" — intact, then broken at
 * the row an attacker with file access rewrote. Receipts: audit-receipt.spec.ts.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, expectAccessible, test } from './fixtures'
import { DB_ADMIN_PASSWORD, goTo, seedOwnerWithCluster, valueOf } from './clusters-helpers'

test('audit view shows the actions, filters, pages and exports', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  const clusterId = seeded.clusterId
  const added = valueOf(
    await app.call('clusterUsers.add', { clusterId, username: 'reader_1', role: 'read_only', password: { mode: 'generate' } }),
  )
  valueOf(await app.call('reveal.open', { ticketId: added.reveal.ticketId }))
  valueOf(await app.call('reveal.dismiss', { ticketId: added.reveal.ticketId }))
  const refused = await app.call('clusterUsers.drop', { clusterId, username: 'db_admin', confirmUsername: 'db_admin' })
  expect(refused).toMatchObject({ ok: false, error: { code: 'PROTECTED_USER' } })
  // Enough audited checks to need a second page (50 rows per page).
  for (let i = 0; i < 55; i += 1) {
    await app.call('clusterUsers.verifyCredential', { clusterId, username: 'db_admin', password: DB_ADMIN_PASSWORD })
  }

  await test.step('the Audit log lists actions newest first, denied ones with their code', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
    const table = page.getByRole('table', { name: 'Audit rows, newest first' })
    await expect(table).toBeVisible()
    await expect(table.locator('tbody tr')).toHaveCount(50)
    await expectAccessible(page)
  })

  await test.step('Load more fetches the older rows', async () => {
    await page.getByRole('button', { name: 'Load more' }).click()
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(50)
    await expect(page.locator('tr[data-action="clusterUser.add"]')).toContainText('cluster user reader_1')
    await expect(page.locator('tr[data-action="cluster.create"]')).toBeVisible()
    await expect(page.locator('tr[data-action="project.create"]')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0)
  })

  await test.step('filters: outcome denied shows the refused drop with PROTECTED_USER', async () => {
    await page.getByLabel('Outcome').selectOption('denied')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    const denied = page.locator('tr[data-action="clusterUser.drop"]')
    await expect(denied).toContainText('denied')
    await expect(denied).toContainText('PROTECTED_USER')
    await expect(denied).toContainText('Dropped a cluster user')
    await expect(denied.locator('time')).toHaveText(/\d{1,2}:\d{2}:\d{2}/)
    await expect(page.locator('tbody tr[data-action="clusterUser.verify"]')).toHaveCount(0)


    await page.getByLabel('Outcome').selectOption('')
    await page.getByLabel('Action').selectOption('clusterUser.add')
    await page.getByLabel('Cluster').selectOption({ label: `${seeded.clusterName} (${seeded.projectName})` })
    await page.getByLabel('Actor').selectOption({ label: 'Ada Admin' })
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect(page.locator('tbody tr')).toHaveCount(1)
    await expect(page.locator('tbody tr')).toContainText('Ada Admin')
  })

  await test.step('Export CSV downloads the filtered rows without secrets', async () => {
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await readFile((await file.path())!, 'utf8')
    expect(csv.split('\n')[0]).toContain('action')
    expect(csv.split('\n')[0]).toContain('prev_hash,row_hash')
    expect(csv).toContain('clusterUser.add')
    expect(csv).not.toContain(DB_ADMIN_PASSWORD)
  })
})

test('Verify chain: intact, then broken at the row an attacker rewrote', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  const added = valueOf(
    await app.call('clusterUsers.add', { clusterId: seeded.clusterId, username: 'reader_1', role: 'read_only', password: { mode: 'generate' } }),
  )
  valueOf(await app.call('reveal.dismiss', { ticketId: added.reveal.ticketId }))
  await goTo(page, '/audit')
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()

  await test.step('Verify chain: intact', async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click()
    await expect(page.getByRole('status').filter({ hasText: /Chain intact: \d+ rows checked/ })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('Verify chain names the first row an attacker rewrote', async () => {
    const db = new Database(join(app.dataDir, 'workspace.db'))
    try {
      // Someone with the file drops the append-only trigger and edits history.
      db.exec('DROP TRIGGER audit_log_no_update')
      const target = db.prepare("SELECT id FROM audit_log WHERE action = 'clusterUser.add' ORDER BY id LIMIT 1").get() as { id: number }
      db.prepare("UPDATE audit_log SET target = 'cluster user somebody_else' WHERE id = ?").run(target.id)
      await goTo(page, '/projects')
      await goTo(page, '/audit')
      await page.getByRole('button', { name: 'Verify chain' }).click()
      await expect(page.getByRole('alert').filter({ hasText: `Chain broken at row #${target.id}` })).toBeVisible()
      await expectAccessible(page)
    } finally {
      db.close()
    }
  })
})

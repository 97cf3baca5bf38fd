/**
 * Audit receipts and the text filter: "Verify chain" gives a receipt for the newest row,
 * typed back it checks out; after someone with the file rewrites a row and recomputes
 * every hash after it (so the chain alone looks intact), the keyed head and the receipt
 * written down before both say so.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, expectAccessible, test } from './fixtures'
import { goTo, seedOwnerWithCluster, valueOf } from './clusters-helpers'

test('audit receipts check out, then expose a recomputed chain; the text filter finds rows', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  valueOf(await app.call('clusterUsers.add', { clusterId: seeded.clusterId, username: 'reader_1', role: 'read_only', password: { mode: 'generate' } }))
  await goTo(page, '/audit')

  await test.step('the text filter matches targets and action labels', async () => {
    await page.getByLabel('Text').fill('reader_1')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect(page.locator('tbody tr[data-action="clusterUser.add"]')).toHaveCount(1)
    await page.getByLabel('Text').fill('created a cluster')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect(page.locator('tbody tr')).toHaveCount(1)
    await expect(page.locator('tbody tr')).toHaveAttribute('data-action', 'cluster.create')
  })

  let receipt = ''
  await test.step('Verify chain shows a receipt that checks out typed back', async () => {
    await page.getByRole('button', { name: 'Verify chain' }).click()
    await expect(page.getByRole('status').filter({ hasText: /Chain intact/ })).toContainText('The keyed head vouches for every row')
    receipt = (await page.getByTestId('audit-head-receipt').textContent()) ?? ''
    expect(receipt).toMatch(/^\d+-[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/)
    await page.getByLabel('Check a receipt').fill(receipt.toLowerCase().replaceAll('-', ' ').replace(' ', '-'))
    await page.getByRole('button', { name: 'Check receipt' }).click()
    await expect(page.getByRole('status').filter({ hasText: /Chain intact/ })).toContainText(/The receipt for row #\d+ matches/)
    await expectAccessible(page)
  })

  await test.step('a recomputed chain is named by the keyed head and by the receipt', async () => {
    const db = new Database(join(app.dataDir, 'workspace.db'))
    try {
      db.exec('DROP TRIGGER audit_log_no_update')
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Array<Record<string, unknown>>
      const changed = rows.find((row) => row.action === 'clusterUser.add')!
      db.prepare("UPDATE audit_log SET target = 'cluster user somebody_else' WHERE id = ?").run(changed.id)
      // Recompute every hash from there on, with the app's own hashing, as an attacker could.
      const { AuditLog } = await import('../../electron/core/audit/auditLog')
      const { loadSodium } = await import('../../electron/core/crypto/sodium')
      const audit = new AuditLog({ db, sodium: await loadSodium(), clock: Date.now })
      let previous = rows[(changed.id as number) - 2]!.row_hash as Buffer
      for (const row of db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all(changed.id) as Array<Record<string, unknown>>) {
        const hash = Buffer.from(audit.chainHash(previous, {
          id: row.id as number, at: row.at as number, actorId: row.actor_id as string | null, actorName: row.actor_name as string | null,
          action: row.action as string, target: row.target as string, clusterId: row.cluster_id as string | null,
          outcome: row.outcome as string, errorCode: row.error_code as string | null,
        }))
        db.prepare('UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?').run(previous, hash, row.id)
        previous = hash
      }
    } finally {
      db.close()
    }
    await page.getByLabel('Check a receipt').fill(receipt)
    await page.getByRole('button', { name: 'Check receipt' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'The audit log has been altered' })
    await expect(alert).toContainText('The keyed head does not match')
    await expect(alert).toContainText('history up to it was changed')
  })
})

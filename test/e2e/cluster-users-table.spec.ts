/**
 * Issue 7, item 6: a cluster with 100 users (the limit) can be searched, sorted and paged on
 * its Users tab.
 */
import { expect, test } from './fixtures'
import { openCluster, seedOwnerWithCluster, userRow } from './clusters-helpers'

test('100 cluster users: search, sort by column and page through them', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  // 99 more users beside db_admin, seeded in the page through window.api (one round trip).
  const failures = await page.evaluate(async (clusterId) => {
    type Envelope = { ok: boolean }
    const api = (window as unknown as { api: Record<string, (input: unknown) => Promise<Envelope>> }).api
    let failed = 0
    for (let index = 1; index <= 99; index++) {
      const username = `user_${String(index).padStart(3, '0')}`
      const response = await api['clusterUsers.add']!({
        clusterId,
        username,
        role: index % 3 === 0 ? 'read_write' : 'read_only',
        password: { mode: 'typed', password: `Seed-Pass-${index}` },
      })
      if (!response.ok) failed++
    }
    return failed
  }, seeded.clusterId)
  expect(failures).toBe(0)
  await page.reload()
  await openCluster(page, seeded)
  const table = page.getByRole('table', { name: `Cluster users of ${seeded.clusterName}` })
  const status = page.getByText(/^\d+–\d+ of \d+$|^0 of 0$/)

  await test.step('25 to a page, sorted by username', async () => {
    await expect(page.getByText('100 / 100')).toBeVisible()
    await expect(status).toHaveText('1–25 of 100')
    await expect(table.locator('tbody tr')).toHaveCount(25)
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-username', 'db_admin')
    await expect(table.getByRole('columnheader', { name: 'Username' })).toHaveAttribute('aria-sort', 'ascending')
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect(status).toHaveText('26–50 of 100')
    await expect(userRow(page, 'user_025')).toBeVisible()
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect(status).toHaveText('76–100 of 100')
    await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled()
    await expect(table.locator('tbody tr').last()).toHaveAttribute('data-username', 'user_099')
  })

  await test.step('sorting by a column again reverses it and starts on page 1', async () => {
    await table.getByRole('button', { name: 'Username' }).click()
    await expect(table.getByRole('columnheader', { name: 'Username' })).toHaveAttribute('aria-sort', 'descending')
    await expect(status).toHaveText('1–25 of 100')
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-username', 'user_099')
    await table.getByRole('button', { name: 'Cluster role' }).click()
    await expect(table.getByRole('columnheader', { name: 'Cluster role' })).toHaveAttribute('aria-sort', 'ascending')
    await expect(table.locator('tbody tr').first()).toHaveAttribute('data-username', 'db_admin')
  })

  await test.step('search by name or role narrows the list and says when nothing matches', async () => {
    const search = page.getByRole('searchbox', { name: 'Search users' })
    await search.fill('USER_05')
    await expect(status).toHaveText('1–10 of 10')
    await expect(page.getByRole('navigation', { name: 'Pages of cluster users' })).toBeHidden()
    await search.fill('read_write')
    await expect(status).toHaveText('1–25 of 33')
    await search.fill('nobody')
    await expect(status).toHaveText('0 of 0')
    await expect(table).toContainText('No user matches “nobody”.')
  })
})

/**
 * Seed section "Drop a cluster user": confirm by typing the name; db_admin has no Drop
 * and no role change, and a forced call through window.api is refused with PROTECTED_USER.
 */
import { expect, expectAccessible, test } from './fixtures'
import { openCluster, seedClusterUser, seedOwnerWithCluster, userRow, valueOf } from './clusters-helpers'

test('drop a user after typing its name; change a role', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  for (const username of ['reader_1', 'writer_1']) await seedClusterUser(app, seeded, { username })
  await openCluster(page, seeded)

  await test.step('change the role of writer_1', async () => {
    await page.getByRole('button', { name: 'More actions for writer_1' }).click()
    await page.getByRole('menuitem', { name: 'Change role' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change role of writer_1' })
    await expectAccessible(page)
    await dialog.getByLabel('Cluster role').selectOption('read_write')
    await dialog.getByRole('button', { name: 'Change role' }).click()
    await expect(dialog).toBeHidden()
    await expect(userRow(page, 'writer_1')).toContainText('read_write')
  })

  await test.step('keyboard only: menu, dialog takes focus, Escape closes it and focus returns', async () => {
    const trigger = page.getByRole('button', { name: 'More actions for reader_1' })
    await trigger.focus()
    await page.keyboard.press('Enter')
    const drop = page.getByRole('menuitem', { name: 'Drop' })
    await expect(drop).toBeVisible()
    await page.keyboard.press('ArrowDown')
    await expect(drop).toBeFocused()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Drop reader_1' })
    await expect(dialog).toBeVisible()
    await expect(dialog.locator(':focus')).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await expect(trigger).toBeFocused()
  })

  await test.step('Drop stays disabled until the exact username is typed', async () => {
    await page.getByRole('button', { name: 'More actions for reader_1' }).click()
    await page.getByRole('menuitem', { name: 'Drop' }).click()
    const dialog = page.getByRole('dialog', { name: 'Drop reader_1' })
    await expect(dialog).toBeVisible()
    await expectAccessible(page)
    const confirm = dialog.getByRole('button', { name: 'Drop user' })
    const field = dialog.getByLabel('Type reader_1 to confirm')
    await expect(confirm).toBeDisabled()
    await field.fill('reader_')
    await expect(confirm).toBeDisabled()
    await field.fill('READER_1')
    await expect(confirm).toBeDisabled()
    await field.fill('reader_1')
    await expect(confirm).toBeEnabled()
    await field.press('Enter')
    await expect(dialog).toBeHidden()
    await expect(userRow(page, 'reader_1')).toHaveCount(0)
    await expect(userRow(page, 'writer_1')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Add user' })).toBeFocused()
  })
})

test('db_admin has no Drop and a forced drop, demotion or crafted confirmation is refused', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await openCluster(page, seeded)

  const row = userRow(page, 'db_admin')
  await expect(row).toContainText('default')
  await expect(row.getByRole('button', { name: /^More actions/ })).toHaveCount(0)
  await expect(row.getByRole('button', { name: /^Drop/ })).toHaveCount(0)
  await expect(row.getByRole('button', { name: /^Change role/ })).toHaveCount(0)
  await expect(row.getByRole('button', { name: /^Reset password/ })).toBeVisible()

  const forcedDrop = await page.evaluate(
    (clusterId) =>
      (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api['clusterUsers.drop']!({
        clusterId,
        username: 'db_admin',
        confirmUsername: 'db_admin',
      }),
    seeded.clusterId,
  )
  expect(forcedDrop).toMatchObject({ ok: false, error: { code: 'PROTECTED_USER' } })

  const forcedDemotion = await app.call('clusterUsers.changeRole', { clusterId: seeded.clusterId, username: 'db_admin', role: 'read_only' })
  expect(forcedDemotion).toMatchObject({ ok: false, error: { code: 'PROTECTED_USER' } })

  const caseTrick = await app.call('clusterUsers.drop', { clusterId: seeded.clusterId, username: 'DB_ADMIN', confirmUsername: 'DB_ADMIN' })
  expect(caseTrick).toMatchObject({ ok: false })

  const extraKey = await page.evaluate(
    (clusterId) =>
      (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api['clusterUsers.drop']!({
        clusterId,
        username: 'db_admin',
        confirmUsername: 'db_admin',
        force: true,
      }),
    seeded.clusterId,
  )
  expect(extraKey).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

  await page.reload()
  await expect(userRow(page, 'db_admin')).toContainText('admin')
  const users = valueOf(await app.call('clusterUsers.list', { clusterId: seeded.clusterId }))
  expect(users.find((user) => user.username === 'db_admin')).toMatchObject({ role: 'admin', isDefaultAdmin: true })
})

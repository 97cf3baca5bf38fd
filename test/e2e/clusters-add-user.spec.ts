/**
 * Seed section "Add a cluster user": an Organization Owner creates a project and a
 * cluster through the UI (db_admin's password shown once); then, on a seeded cluster,
 * adds a user whose generated password is shown once and then gone from the page and
 * from main.
 */
import { PASSWORD_MESSAGES, USERNAME_MESSAGES, checkClusterPassword } from '../../shared/policy/clusterUser'
import { createWorkspace, expect, expectAccessible, test } from './fixtures'
import {
  closeReveal,
  ENDPOINT,
  openCluster,
  recordedTicketIds,
  recordRevealTickets,
  revealedPassword,
  seedOwnerWithCluster,
  userRow,
} from './clusters-helpers'

test('create a project and a cluster: db_admin\'s password is shown once', async ({ app }) => {
  const { page } = app
  await createWorkspace(app)

  await test.step('Projects: an Organization Owner creates a project', async () => {
    await page.getByRole('link', { name: 'Projects' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible()
    await page.getByRole('button', { name: 'Create project' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Create project' })
    await expect(dialog).toBeVisible()
    await expectAccessible(page)
    await dialog.getByLabel('Project name').fill('Payments')
    await dialog.getByRole('button', { name: 'Create project' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Payments: clusters' })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('create a cluster: db_admin gets a password shown once', async () => {
    await page.getByRole('button', { name: 'Create cluster' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Create cluster' })
    await dialog.getByLabel('Cluster name').fill('orders')
    await dialog.getByLabel('Endpoint').fill(ENDPOINT)
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Create cluster' }).click()
    const password = await revealedPassword(page)
    expect(checkClusterPassword(password)).toBeNull()
    await expect(page.getByTestId('reveal-username')).toHaveText('db_admin')
    await expect(page.getByRole('dialog', { name: 'Store this password' })).toContainText(ENDPOINT)
    await expectAccessible(page)
    await closeReveal(page)
    expect(await page.content()).not.toContain(password)
  })

  await test.step('cluster details: Users tab lists db_admin as the default admin', async () => {
    await page.getByRole('link', { name: 'orders' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'orders' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Users' })).toHaveAttribute('aria-selected', 'true')
    await expect(userRow(page, 'db_admin')).toContainText('default')
    await expect(userRow(page, 'db_admin')).toContainText('admin')
    await expectAccessible(page)
    await page.getByRole('tab', { name: 'Connect' }).click()
    await expect(page.getByRole('tabpanel', { name: 'Connect' })).toContainText(ENDPOINT)
    await expectAccessible(page)
  })
})

test('add a cluster user: the password is shown once, then gone', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await recordRevealTickets(page)
  await openCluster(page, seeded)

  let password = ''
  await test.step('add a user: live policy messages, then a generated password shown once', async () => {
    await page.getByRole('button', { name: 'Add user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add user' })
    await expect(dialog).toBeVisible()
    const username = dialog.getByLabel('Username')
    await username.fill('1reader')
    await expect(dialog.getByText(USERNAME_MESSAGES.firstCharacter)).toBeVisible()
    await expectAccessible(page)
    await username.fill('reader-1')
    await expect(dialog.getByText(USERNAME_MESSAGES.characters)).toBeVisible()
    await username.fill('reader_1')
    await expect(username).not.toHaveAttribute('aria-invalid', 'true')
    await dialog.getByLabel('Cluster role').selectOption('read_write')
    await expect(dialog.getByLabel('Generate')).toBeChecked()
    await expect(dialog.getByLabel(/Avoid look-alike characters/)).toBeChecked()
    await dialog.getByRole('button', { name: 'Add user' }).click()

    password = await revealedPassword(page)
    expect(password).toHaveLength(20)
    expect(checkClusterPassword(password)).toBeNull()
    expect(password).not.toMatch(/[0O1lI]/)
    await expect(page.getByTestId('reveal-username')).toHaveText('reader_1')
  })

  await test.step('copy goes through main, which clears the clipboard later', async () => {
    await page.getByRole('button', { name: 'Copy password' }).click()
    await expect(page.getByText('Copied — the clipboard will be cleared in 10 s')).toBeVisible()
    expect(await app.clipboard.readText()).toBe(password)
  })

  await test.step('after "I have stored it" no plaintext remains and the ticket is spent', async () => {
    await closeReveal(page, { copied: true })
    await expect(userRow(page, 'reader_1')).toContainText('read_write')
    expect(await page.content()).not.toContain(password)
    const ticketIds = await recordedTicketIds(page)
    const lastTicket = ticketIds[ticketIds.length - 1]!
    const again = await page.evaluate(
      (ticketId) => (window as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api['reveal.open']!({ ticketId }),
      lastTicket,
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'REVEAL_CONSUMED' } })
  })

  await test.step('a duplicate name is refused with a clear message', async () => {
    await page.getByRole('button', { name: 'Add user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add user' })
    await dialog.getByLabel('Username').fill('reader_1')
    await dialog.getByLabel('Type my own').check()
    await dialog.getByLabel('Password', { exact: true }).fill('short')
    await expect(dialog.getByText(PASSWORD_MESSAGES.tooShort)).toBeVisible()
    await dialog.getByLabel('Password', { exact: true }).fill('Another-Pass-99')
    await expect(dialog.getByText('Meets the password policy.')).toBeVisible()
    await dialog.getByRole('button', { name: 'Add user' }).click()
    await expect(dialog.getByText('This cluster already has a user named "reader_1".')).toBeVisible()
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
  })
})

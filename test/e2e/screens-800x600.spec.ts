/**
 * Issue 7, item 5: every screen is usable at 800×600. The sidebar collapses to icons (names
 * kept for assistive tech), nothing scrolls sideways, and row actions ("Reset password", the
 * ⋯ menu, "Edit roles") are inside the window.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, OWNER, test } from './fixtures'
import { goTo, openCluster, seedOwnerWithCluster, valueOf } from './clusters-helpers'

const WIDTH = 800
const HEIGHT = 600

/** Nothing wider than the window: neither the page nor the main area scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main')
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    }
  })
  expect(overflow).toEqual({ page: 0, main: 0 })
}

async function expectInsideWindow(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded()
  const box = await control.boundingBox()
  expect(box, 'the control is rendered').not.toBeNull()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH)
}

test('every screen is usable at 800×600', async ({ app }) => {
  const { page } = app
  await page.setViewportSize({ width: WIDTH, height: HEIGHT })

  await test.step('first run', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Create your workspace' })).toBeVisible()
    await expectNoSidewaysScroll(page)
    await expectInsideWindow(page.getByRole('button', { name: 'Create workspace' }))
  })

  const seeded = await seedOwnerWithCluster(app)
  valueOf(
    await app.call('members.add', {
      displayName: 'Grace Hopper With A Rather Long Display Name',
      email: 'grace.hopper.with.a.long.address@example.com',
      orgRole: 'member',
      projectRoles: [{ projectId: seeded.projectId, role: 'read_write' }],
    }),
  )
  for (const username of ['reader_with_a_long_name_0001', 'writer_1']) {
    const { reveal } = valueOf(
      await app.call('clusterUsers.add', {
        clusterId: seeded.clusterId,
        username,
        role: 'read_write',
        password: { mode: 'generate', length: 20, avoidLookAlikes: true },
      }),
    )
    valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
  }

  await test.step('the sidebar collapses to icons that keep their names', async () => {
    await goTo(page, '/projects')
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Main' })
    const navBox = await nav.boundingBox()
    expect(navBox!.width).toBeLessThanOrEqual(64)
    await expect(nav.getByRole('link', { name: 'Members' })).toBeVisible()
    await expectNoSidewaysScroll(page)
  })

  await test.step('clusters of a project', async () => {
    await goTo(page, `/projects/${seeded.projectId}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Payments: clusters' })).toBeVisible()
    await expectNoSidewaysScroll(page)
  })

  await test.step('cluster users: row actions are inside the window', async () => {
    await openCluster(page, seeded)
    await expectNoSidewaysScroll(page)
    await expectInsideWindow(page.getByRole('button', { name: 'Reset password of reader_with_a_long_name_0001' }))
    await expectInsideWindow(page.getByRole('button', { name: 'More actions for reader_with_a_long_name_0001' }))
    await expectInsideWindow(page.getByRole('button', { name: 'Add user' }))
    await page.getByRole('button', { name: 'Add user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add user' })
    await dialog.getByLabel('Type my own').check()
    await expectInsideWindow(dialog.getByRole('button', { name: 'Add user' }))
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  })

  await test.step('members: "Edit roles" and the row menu are inside the window', async () => {
    await goTo(page, '/members')
    await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
    await expectNoSidewaysScroll(page)
    await expectInsideWindow(page.getByRole('button', { name: 'Edit roles of Grace Hopper With A Rather Long Display Name' }))
    await page.getByRole('button', { name: 'Edit roles of Grace Hopper With A Rather Long Display Name' }).click()
    const dialog = page.getByRole('dialog', { name: /Edit roles of/ })
    await expectInsideWindow(dialog.getByRole('button', { name: 'Save roles' }))
    await page.keyboard.press('Escape')
  })

  await test.step('audit log', async () => {
    await goTo(page, '/audit')
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
    await expectNoSidewaysScroll(page)
  })

  await test.step('sign-in', async () => {
    valueOf(await app.call('session.signOut', {}))
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    await expect(page.getByText(OWNER.displayName)).toBeVisible()
    await expectNoSidewaysScroll(page)
    await expectInsideWindow(page.getByRole('button', { name: 'Sign in' }))
  })
})

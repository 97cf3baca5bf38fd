/**
 * The foundation slice through every layer: first-run setup; then (seeded) sign-out, a
 * wrong passphrase, sign-in; a passphrase change and sign-in with the new passphrase. axe-core runs once on each screen and dialog visited.
 */
import type { Page } from '@playwright/test'
import { createWorkspace, expect, expectAccessible, OWNER, test } from './fixtures'

const NEW_PASSPHRASE = 'a brand new passphrase for ada'

function accountMenu(page: Page) {
  return page.getByRole('button', { name: /Account menu/ })
}

async function openAccountMenuItem(page: Page, item: 'Sign out' | 'Change passphrase'): Promise<void> {
  await accountMenu(page).click()
  const menuItem = page.getByRole('menuitem', { name: item })
  await expect(menuItem).toBeVisible()
  await menuItem.click()
}

async function signIn(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(OWNER.displayName) }).click()
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('first-run setup: the creator is signed in as Organization Owner', async ({ app }) => {
  const { page } = app

  await test.step('first run shows setup', async () => {
    await expect(page.getByRole('heading', { name: 'Create your workspace' })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('create the workspace: the creator is signed in as Organization Owner', async () => {
    await page.getByLabel('Organization name').fill(OWNER.organizationName)
    await page.getByLabel('Your name').fill(OWNER.displayName)
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Passphrase', { exact: true }).fill(OWNER.passphrase)
    await page.getByLabel('Confirm passphrase').fill(OWNER.passphrase)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await expect(accountMenu(page)).toBeVisible()
    await expect(accountMenu(page)).toContainText(OWNER.displayName)
    await expectAccessible(page)
  })
})

test('sign out, a wrong passphrase, then sign in', async ({ app }) => {
  const { page } = app
  await createWorkspace(app)
  await expect(accountMenu(page)).toBeVisible()

  await test.step('sign out lands on sign-in', async () => {
    await accountMenu(page).click()
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expect(page.getByRole('main').getByText(OWNER.organizationName, { exact: true })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('a wrong passphrase shows the error inline and stays on sign-in', async () => {
    await signIn(page, 'not the right passphrase')
    await expect(page.getByText('Wrong passphrase.')).toBeVisible()
    await expect(page.getByLabel('Passphrase', { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(accountMenu(page)).toHaveCount(0)
    await expectAccessible(page)
  })

  await test.step('the correct passphrase signs in', async () => {
    await signIn(page, OWNER.passphrase)
    await expect(accountMenu(page)).toBeVisible()
  })
})

test('change passphrase: afterwards the old one fails and the new one signs in', async ({ app }) => {
  const { page } = app
  await createWorkspace(app)
  await expect(accountMenu(page)).toBeVisible()

  await test.step('change the passphrase', async () => {
    await openAccountMenuItem(page, 'Change passphrase')
    const dialog = page.getByRole('dialog', { name: 'Change passphrase' })
    await expect(dialog).toBeVisible()
    await expectAccessible(page)
    await dialog.getByLabel('Current passphrase').fill(OWNER.passphrase)
    await dialog.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE)
    await dialog.getByLabel('Confirm new passphrase').fill(NEW_PASSPHRASE)
    await dialog.getByRole('button', { name: 'Change passphrase' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByText('Passphrase changed', { exact: true })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('after sign-out the old passphrase no longer works and the new one does', async () => {
    await openAccountMenuItem(page, 'Sign out')
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await signIn(page, OWNER.passphrase)
    await expect(page.getByText('Wrong passphrase.')).toBeVisible()
    await signIn(page, NEW_PASSPHRASE)
    await expect(accountMenu(page)).toBeVisible()
  })
})

test('main refuses calls without a session, malformed input, and calls from a subframe', async ({ app }) => {
  const { page } = app
  await expect(page.getByRole('heading', { name: 'Create your workspace' })).toBeVisible()

  const unauthenticated = await app.call('members.list', {})
  expect(unauthenticated).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

  const malformed = await app.call('workspace.create', { organizationName: 42 } as never)
  expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

  // window.api exists only in the top frame; a subframe that reaches the raw transport
  // anyway is refused by the sender check before anything else happens.
  test.skip(app.runtime !== 'chromium-bridge', 'the raw bridge transport exists only under the Chromium bridge')
  await page.evaluate(() => {
    // Typed by hand: the e2e files are checked without the DOM lib.
    type Doc = { createElement(tag: 'iframe'): { srcdoc: string }; body: { append(node: unknown): void } }
    const doc = (globalThis as unknown as { document: Doc }).document
    const frame = doc.createElement('iframe')
    frame.srcdoc = '<p>embedded</p>'
    doc.body.append(frame)
  })
  await expect.poll(() => page.frames().length).toBe(2)
  const subframe = page.frames().find((frame) => frame !== page.mainFrame())!
  await subframe.waitForLoadState()
  const fromSubframe = await subframe.evaluate(() => {
    const scope = globalThis as unknown as { api?: unknown; __ccInvoke: (channel: string, input: unknown) => Promise<unknown> }
    return Promise.all([scope.api === undefined, scope.__ccInvoke('app.status', {})])
  })
  expect(fromSubframe).toEqual([true, { ok: false, error: { code: 'FOREIGN_SENDER', message: expect.any(String) } }])
})

/**
 * Issue 7, items 1, 2 and 4: what a person selects and copies from a show-once dialog is
 * exactly the secret (grouping is spacing only); closing without copying asks first; a dialog
 * opens with its first field focused; "Verify a credential" forgets an answer once the
 * username or password it was about is edited.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openCluster, seedClusterUser, seedOwnerWithCluster } from './clusters-helpers'

const TYPED_PASSWORD = 'Writer-Pass-2024!'

/**
 * Selects the secret as a person would (a click selects all of it; a triple click selects the
 * paragraph), copies with the keyboard, and returns the selection and the browser's clipboard.
 */
async function selectAllAndCopy(page: Page, secret: ReturnType<Page['getByTestId']>) {
  const readSelection = () => page.evaluate(() => window.getSelection()?.toString() ?? '')
  const readClipboard = () => page.evaluate(() => navigator.clipboard.readText())
  await secret.click()
  const selection = await readSelection()
  await page.keyboard.press('Control+C')
  const clipboard = await readClipboard()
  await page.evaluate(() => navigator.clipboard.writeText(''))
  await secret.click({ clickCount: 3 })
  await page.keyboard.press('Control+C')
  const clipboardAfterTripleClick = await readClipboard()
  return { selection, clipboard, clipboardAfterTripleClick }
}

test('a shown password and an enrollment code copy by selection exactly; closing uncopied asks first', async ({ app }) => {
  test.skip(!app.core, 'reads the browser clipboard of the bridge page')
  const { page } = app
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const seeded = await seedOwnerWithCluster(app)
  await openCluster(page, seeded)

  await test.step('a dialog opens with its first field focused', async () => {
    await page.getByRole('button', { name: 'Add user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add user' })
    await expect(dialog.getByLabel('Username')).toBeFocused()
    await dialog.getByLabel('Username').fill('writer_1')
    await dialog.getByLabel('Type my own').check()
    await dialog.getByLabel('Password', { exact: true }).fill(TYPED_PASSWORD)
    await dialog.getByRole('button', { name: 'Add user' }).click()
  })

  const reveal = page.getByRole('dialog', { name: 'Store this password' })
  await test.step('closing an uncopied password (Escape, ×, "I have stored it") asks first', async () => {
    await expect(reveal.getByTestId('secret-value')).toHaveText(TYPED_PASSWORD)
    const confirm = page.getByRole('dialog', { name: 'Close without copying?' })
    await page.keyboard.press('Escape')
    await expect(confirm).toBeVisible()
    await expect(confirm.getByRole('button', { name: 'Go back' })).toBeFocused()
    await confirm.getByRole('button', { name: 'Go back' }).click()
    await expect(confirm).toBeHidden()
    await reveal.getByRole('button', { name: 'Close', exact: true }).click()
    await expect(confirm).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(confirm).toBeHidden()
    await reveal.getByRole('button', { name: 'I have stored it' }).click()
    await expect(confirm).toBeVisible()
    await confirm.getByRole('button', { name: 'Go back' }).click()
    await expect(reveal.getByTestId('secret-value')).toHaveText(TYPED_PASSWORD)
  })

  await test.step('select-all + copy of the grouped password gives exactly the password', async () => {
    const copied = await selectAllAndCopy(page, reveal.getByTestId('secret-value'))
    expect(copied).toEqual({ selection: TYPED_PASSWORD, clipboard: TYPED_PASSWORD, clipboardAfterTripleClick: TYPED_PASSWORD })
  })

  await test.step('copied by hand, "I have stored it" closes without a question', async () => {
    await reveal.getByRole('button', { name: 'I have stored it' }).click()
    await expect(reveal).toBeHidden()
    await expect(page.getByRole('dialog', { name: 'Close without copying?' })).toBeHidden()
  })

  await test.step('an enrollment code copies by selection with its own hyphens, not regrouped', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/members'))
    await page.getByRole('button', { name: 'Add member' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add member' })
    await expect(dialog.getByLabel('Name')).toBeFocused()
    await dialog.getByLabel('Name').fill('Grace Hopper')
    await dialog.getByLabel('Email').fill('grace@example.com')
    await dialog.getByRole('button', { name: 'Add member' }).click()
    const code = page.getByRole('dialog', { name: 'Enrollment code' }).getByTestId('secret-value')
    await expect(code).toHaveText(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/)
    const shown = await code.textContent()
    const copied = await selectAllAndCopy(page, code)
    expect(copied).toEqual({ selection: shown, clipboard: shown, clipboardAfterTripleClick: shown })
  })
})

test('"Verify a credential" drops a stale answer when the username or password changes', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await seedClusterUser(app, seeded, { username: 'reader_1', password: TYPED_PASSWORD })
  await openCluster(page, seeded)
  await page.getByRole('button', { name: 'Verify a credential' }).click()
  const dialog = page.getByRole('dialog', { name: 'Verify a credential' })
  await expect(dialog.getByLabel('Username')).toBeFocused()

  const verify = async (username: string) => {
    await dialog.getByLabel('Username').fill(username)
    await dialog.getByLabel('Password').fill(TYPED_PASSWORD)
    await dialog.getByRole('button', { name: 'Verify' }).click()
    await expect(dialog.getByText('Valid credential')).toBeVisible()
  }
  await verify('reader_1')
  await dialog.getByLabel('Username').fill('reader_2')
  await expect(dialog.getByText('Valid credential')).toBeHidden()

  await verify('reader_1')
  await dialog.getByLabel('Password').fill('x')
  await expect(dialog.getByText('Valid credential')).toBeHidden()
})

/**
 * Members and roles: an Organization Owner adds a member with project roles (the
 * enrollment code is shown once), edits roles, reissues the code, removes a member; the
 * last Organization Owner cannot be demoted or removed. A Project Owner manages only
 * their own project.
 */
import type { Page } from '@playwright/test'
import { EMAIL_MESSAGES } from '../../shared/policy/account'
import { expect, expectAccessible, test } from './fixtures'
import { accountMenu, goTo, seedOwnerWithCluster, valueOf } from './clusters-helpers'

function memberRow(page: Page, email: string) {
  return page.locator(`tr[data-member="${email}"]`)
}

async function readEnrollmentCode(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Enrollment code' })
  await expect(dialog.getByText(/The code will not be displayed again/)).toBeVisible()
  await expect(dialog).toContainText('expires in 48 h')
  const code = await dialog.getByTestId('secret-value').textContent()
  if (!code) throw new Error('No code shown')
  return code
}

test('members and roles management', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  valueOf(await app.call('projects.create', { name: 'Search' }))

  await test.step('the Members screen lists the owner', async () => {
    await page.getByRole('link', { name: 'Members' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
    await expect(memberRow(page, 'ada@example.com')).toContainText('Organization Owner')
    await expect(memberRow(page, 'ada@example.com')).toContainText('active')
    await expectAccessible(page)
  })

  let code = ''
  await test.step('add a member with a project role: the enrollment code is shown once', async () => {
    await page.getByRole('button', { name: 'Add member' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add member' })
    await expect(dialog).toBeVisible()
    await expectAccessible(page)
    await dialog.getByLabel('Name').fill('Pat Owner')
    await dialog.getByLabel('Email').fill('not-an-email')
    await dialog.getByRole('button', { name: 'Add member' }).click()
    await expect(dialog.getByText(EMAIL_MESSAGES.shape)).toBeVisible()
    await dialog.getByLabel('Email').fill('pat@example.com')
    await dialog.getByLabel('Organization role').selectOption('member')
    await dialog.getByLabel(seeded.projectName).selectOption('owner')
    await dialog.getByRole('button', { name: 'Add member' }).click()

    code = await readEnrollmentCode(page)
    expect(code.length).toBeGreaterThanOrEqual(8)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Copy code' }).click()
    await expect(page.getByText('Copied — the clipboard will be cleared in 10 s')).toBeVisible()
    expect(await app.clipboard.readText()).toBe(code)
    await page.getByRole('button', { name: 'I have passed it on' }).click()
    await expect(page.getByRole('dialog', { name: 'Enrollment code' })).toBeHidden()
    expect(await page.content()).not.toContain(code)

    const row = memberRow(page, 'pat@example.com')
    await expect(row).toContainText('pending')
    await expect(row).toContainText('expires in 48 h')
    await expect(row).toContainText(`${seeded.projectName}: Project Owner`)
  })

  await test.step('edit roles: add a second project role', async () => {
    await page.getByRole('button', { name: 'Edit roles of Pat Owner' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit roles of Pat Owner' })
    await expectAccessible(page)
    await dialog.getByLabel('Search').selectOption('read_write')
    await dialog.getByRole('button', { name: 'Save roles' }).click()
    await expect(dialog).toBeHidden()
    await expect(memberRow(page, 'pat@example.com')).toContainText('Search: Project Read-Write')
  })

  await test.step('reissue the code: the old one stops working, the new one is shown once', async () => {
    await page.getByRole('button', { name: 'More actions for Pat Owner' }).click()
    await page.getByRole('menuitem', { name: 'Reissue code' }).click()
    const reissued = await readEnrollmentCode(page)
    expect(reissued).not.toBe(code)
    await page.getByRole('button', { name: 'I have passed it on' }).click()
    const old = await app.call('enrollment.redeem', { email: 'pat@example.com', code, passphrase: 'pat picks a passphrase' })
    expect(old).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_INVALID' } })
    code = reissued
  })

  await test.step('the last Organization Owner cannot be demoted', async () => {
    await page.getByRole('button', { name: 'Edit roles of Ada Admin' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit roles of Ada Admin' })
    await dialog.getByLabel('Organization role').selectOption('member')
    await dialog.getByRole('button', { name: 'Save roles' }).click()
    await expect(dialog.getByRole('alert')).toContainText('is the last Organization Owner and cannot be demoted')
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    const forced = await app.call('members.remove', { accountId: valueOf(await app.call('app.status', {})).session!.account.id })
    expect(forced).toMatchObject({ ok: false, error: { code: 'LAST_OWNER' } })
  })

  await test.step('a Project Owner manages members of their own project only', async () => {
    valueOf(await app.call('session.signOut', {}))
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await goTo(page, '/enroll')
    await page.getByLabel('Email').fill('pat@example.com')
    await page.getByLabel('Enrollment code').fill(code)
    await page.getByLabel('New passphrase').fill('pat picks a passphrase')
    await page.getByLabel('Confirm passphrase').fill('pat picks a passphrase')
    await page.getByRole('button', { name: 'Enroll and sign in' }).click()
    await expect(accountMenu(page)).toContainText('Pat Owner')
    await page.getByRole('link', { name: 'Members' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
    await page.getByRole('button', { name: 'Add member' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add member' })
    await expect(dialog.getByLabel('Organization role')).toHaveCount(0)
    await expect(dialog.getByLabel('Search')).toHaveCount(0)
    await dialog.getByLabel('Name').fill('Quinn Quiet')
    await dialog.getByLabel('Email').fill('quinn@example.com')
    await dialog.getByLabel(seeded.projectName).selectOption('read_only')
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Add member' }).click()
    await readEnrollmentCode(page)
    await page.getByRole('button', { name: 'I have passed it on' }).click()
    await expect(memberRow(page, 'quinn@example.com')).toContainText(`${seeded.projectName}: Project Read-Only`)
    // The whole directory is listed, but an Organization Owner's account is not theirs to edit.
    await expect(memberRow(page, 'ada@example.com')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Edit roles of Ada Admin' })).toHaveCount(0)
    const editOwner = await app.call('members.update', {
      accountId: valueOf(await app.call('members.list', {})).find((m) => m.email === 'ada@example.com')!.id,
      projectRoles: [],
    })
    expect(editOwner).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const promoteSelf = await app.call('members.add', {
      displayName: 'Mallory',
      email: 'mallory@example.com',
      orgRole: 'owner',
      projectRoles: [],
    })
    expect(promoteSelf).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  await test.step('remove a member (as the Organization Owner)', async () => {
    valueOf(await app.call('session.signOut', {}))
    const owner = valueOf(await app.call('accounts.listForSignIn', {})).find((a) => a.email === 'ada@example.com')!
    valueOf(await app.call('session.signIn', { accountId: owner.id, passphrase: 'correct horse battery staple' }))
    await page.reload()
    await goTo(page, '/members')
    await page.getByRole('button', { name: 'More actions for Quinn Quiet' }).click()
    await page.getByRole('menuitem', { name: 'Remove' }).click()
    const dialog = page.getByRole('dialog', { name: 'Remove Quinn Quiet?' })
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Remove member' }).click()
    await expect(dialog).toBeHidden()
    await expect(memberRow(page, 'quinn@example.com')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Add member' })).toBeFocused()
    await expect(memberRow(page, 'pat@example.com')).toContainText('active')
  })
})

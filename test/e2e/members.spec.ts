/**
 * Members and roles: an Organization Owner adds a member with project roles (the
 * enrollment code is shown once), edits roles, reissues the code, removes a member; the
 * last Organization Owner cannot be demoted or removed. A Project Owner manages only
 * their own project. Each test seeds what it needs through window.api.
 */
import type { Page } from '@playwright/test'
import { EMAIL_MESSAGES } from '../../shared/policy/account'
import { expect, expectAccessible, OWNER, test, type AppHandle } from './fixtures'
import { accountMenu, goTo, seedOwnerWithCluster, valueOf, type SeededCluster } from './clusters-helpers'

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

const PAT = { displayName: 'Pat Owner', email: 'pat@example.com', passphrase: 'pat picks a passphrase' }

/** Adds Pat as a pending member (Project Owner of the seeded project) and returns the one-time code. */
async function addPat(app: AppHandle, seeded: SeededCluster): Promise<string> {
  const { enrollment } = valueOf(
    await app.call('members.add', {
      displayName: PAT.displayName,
      email: PAT.email,
      orgRole: 'member',
      projectRoles: [{ projectId: seeded.projectId, role: 'owner' }],
    }),
  )
  return enrollment.code
}

async function openMembers(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Members' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible()
}

test('an Organization Owner adds a member with a project role, edits the roles and reissues the code', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  valueOf(await app.call('projects.create', { name: 'Search' }))

  await test.step('the Members screen lists the owner', async () => {
    await openMembers(page)
    await expect(memberRow(page, 'ada@example.com')).toContainText('Organization Owner')
    await expect(memberRow(page, 'ada@example.com')).toContainText('active')
    await expectAccessible(page)
  })

  let code = ''
  await test.step('add a member with a project role: the enrollment code is shown once', async () => {
    await page.getByRole('button', { name: 'Add member' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add member' })
    await expect(dialog).toBeVisible()
    await dialog.getByLabel('Name').fill('Pat Owner')
    await dialog.getByLabel('Email').fill('not-an-email')
    await dialog.getByRole('button', { name: 'Add member' }).click()
    await expect(dialog.getByText(EMAIL_MESSAGES.shape)).toBeVisible()
    await expectAccessible(page)
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
    await expect(dialog).toBeVisible()
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
    const old = await app.call('enrollment.redeem', { email: PAT.email, code, passphrase: PAT.passphrase })
    expect(old).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_INVALID' } })
    const fresh = await app.call('enrollment.redeem', { email: PAT.email, code: reissued, passphrase: PAT.passphrase })
    expect(fresh).toMatchObject({ ok: true })
  })
})

test('the last Organization Owner cannot be demoted or removed', async ({ app }) => {
  const { page } = app
  await seedOwnerWithCluster(app)
  await openMembers(page)
  await page.getByRole('button', { name: 'Edit roles of Ada Admin' }).click()
  const dialog = page.getByRole('dialog', { name: 'Edit roles of Ada Admin' })
  await dialog.getByLabel('Organization role').selectOption('member')
  await dialog.getByRole('button', { name: 'Save roles' }).click()
  await expect(dialog.getByRole('alert')).toContainText('is the last Organization Owner and cannot be demoted')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  const forced = await app.call('members.remove', { accountId: valueOf(await app.call('app.status', {})).session!.account.id })
  expect(forced).toMatchObject({ ok: false, error: { code: 'LAST_OWNER' } })
})

test('a Project Owner manages members of their own project only', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  valueOf(await app.call('projects.create', { name: 'Search' }))
  const code = await addPat(app, seeded)
  valueOf(await app.call('session.signOut', {}))
  valueOf(await app.call('enrollment.redeem', { email: PAT.email, code, passphrase: PAT.passphrase }))
  await page.reload()
  await expect(accountMenu(page)).toContainText(PAT.displayName)

  await openMembers(page)
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Add member' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add member' })
  await expect(dialog.getByLabel('Organization role')).toHaveCount(0)
  await expect(dialog.getByLabel('Search')).toHaveCount(0)
  await dialog.getByLabel('Name').fill('Quinn Quiet')
  await dialog.getByLabel('Email').fill('quinn@example.com')
  await dialog.getByLabel(seeded.projectName).selectOption('read_only')
  await dialog.getByRole('button', { name: 'Add member' }).click()
  await readEnrollmentCode(page)
  await page.getByRole('button', { name: 'I have passed it on' }).click()
  await expect(memberRow(page, 'quinn@example.com')).toContainText(`${seeded.projectName}: Project Read-Only`)
  // The whole directory is listed, but an Organization Owner's account is not theirs to edit.
  await expect(memberRow(page, OWNER.email)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Edit roles of Ada Admin' })).toHaveCount(0)
  const members = valueOf(await app.call('members.list', {}))
  const editOwner = await app.call('members.update', {
    accountId: members.find((m) => m.email === OWNER.email)!.id,
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

test('an Organization Owner removes a member after confirming', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  await addPat(app, seeded)
  await goTo(page, '/members')
  await page.getByRole('button', { name: 'More actions for Pat Owner' }).click()
  await page.getByRole('menuitem', { name: 'Remove' }).click()
  const dialog = page.getByRole('dialog', { name: 'Remove Pat Owner?' })
  await expect(dialog).toBeVisible()
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Remove member' }).click()
  await expect(dialog).toBeHidden()
  await expect(memberRow(page, PAT.email)).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Add member' })).toBeFocused()
  await expect(memberRow(page, OWNER.email)).toContainText('active')
})

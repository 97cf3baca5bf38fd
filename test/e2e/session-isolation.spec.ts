/**
 * Nothing of the last session stays in the renderer: an Organization Owner opens the audit
 * log and the member list and signs out; a Read-Write member signs in on the same window.
 * None of the owner's data is reachable by route (#/audit, #/members), by history (back),
 * in any store, and the owner's "Signed out" toast does not follow into the new session.
 */
import type { Page } from '@playwright/test'
import { expect, OWNER, test } from './fixtures'
import { accountMenu, goTo, seedOwnerWithCluster, valueOf } from './clusters-helpers'

const ROB = { displayName: 'Rob Writer', email: 'rob@example.com', passphrase: 'rob writes but never audits' }

/** Every Pinia store's state, as the page holds it (Vue keeps the app on its mount element). */
async function storeState(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Mounted = { __vue_app__?: { config: { globalProperties: { $pinia?: { state: { value: unknown } } } } } }
    const app = (document.querySelector('#app') as unknown as Mounted).__vue_app__
    return JSON.stringify(app?.config.globalProperties.$pinia?.state.value ?? null)
  })
}

async function expectNothingOfTheOwner(page: Page, where: string): Promise<void> {
  await expect(accountMenu(page), where).toContainText(ROB.displayName)
  await expect(page.getByRole('table', { name: 'Audit rows, newest first' }), where).toHaveCount(0)
  await expect(page.getByRole('table', { name: 'Members of the organization' }), where).toHaveCount(0)
  expect(await page.content(), where).not.toContain(OWNER.email)
  expect(await page.content(), where).not.toContain('session.sign_in')
  const state = await storeState(page)
  expect(state, where).not.toContain(OWNER.email)
  expect(state, where).not.toContain('session.sign_in')
}

test('after sign-out, the next person reaches nothing of the last session by route, history or store', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  const { enrollment } = valueOf(
    await app.call('members.add', {
      displayName: ROB.displayName,
      email: ROB.email,
      orgRole: 'member',
      projectRoles: [{ projectId: seeded.projectId, role: 'read_write' }],
    }),
  )
  // Rob enrolls, then the owner is back at the keyboard.
  valueOf(await app.call('session.signOut', {}))
  valueOf(await app.call('enrollment.redeem', { email: ROB.email, code: enrollment.code, passphrase: ROB.passphrase }))
  valueOf(await app.call('session.signOut', {}))
  const accounts = valueOf(await app.call('accounts.listForSignIn', {}))
  valueOf(await app.call('session.signIn', { accountId: accounts.find((a) => a.email === OWNER.email)!.id, passphrase: OWNER.passphrase }))
  await page.reload()

  await test.step('the owner opens the audit log and the members list, then signs out', async () => {
    await page.getByRole('link', { name: 'Audit log' }).click()
    await expect(page.getByRole('table', { name: 'Audit rows, newest first' })).toContainText('Ada Admin')
    await page.getByRole('link', { name: 'Members' }).click()
    await expect(page.getByRole('table', { name: 'Members of the organization' })).toContainText(OWNER.email)
    expect(await storeState(page)).toContain(OWNER.email)
    await accountMenu(page).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await expect(page.getByText('The account key was wiped from memory.').first()).toBeVisible()
    expect(await storeState(page)).not.toContain(OWNER.email)
  })

  await test.step('a Read-Write member signs in: the owner\'s toast is gone', async () => {
    await page.getByRole('radio', { name: new RegExp(ROB.displayName) }).click()
    await page.getByLabel('Passphrase', { exact: true }).fill(ROB.passphrase)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(accountMenu(page)).toContainText(ROB.displayName)
    await expect(page.getByText('The account key was wiped from memory.')).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Members' })).toHaveCount(0)
    await expectNothingOfTheOwner(page, 'after sign-in')
  })

  await test.step('by route: #/audit and #/members lead home', async () => {
    for (const path of ['/audit', '/members']) {
      await goTo(page, path)
      await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible()
      await expectNothingOfTheOwner(page, `at #${path}`)
    }
  })

  await test.step('by history: going back through the owner\'s screens shows none of them', async () => {
    for (let step = 0; step < 4; step += 1) {
      await page.goBack()
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expectNothingOfTheOwner(page, `after ${step + 1} × back (${page.url()})`)
    }
  })
})

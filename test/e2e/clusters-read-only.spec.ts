/**
 * Roles: a Project Read-Only member (added by the owner, enrolled with the one-time code
 * on the enrollment screen) sees cluster users but no change actions, and every forced
 * change through window.api is refused with FORBIDDEN and changes nothing.
 */
import { expect, expectAccessible, test } from './fixtures'
import { accountMenu, openCluster, seedOwnerWithCluster, userRow, valueOf } from './clusters-helpers'

const VIEWER = { displayName: 'Rita Reader', email: 'rita@example.com', passphrase: 'rita reads only, nothing more' }

test('a Read-Only member cannot change anything', async ({ app }) => {
  const { page } = app
  const seeded = await seedOwnerWithCluster(app)
  const { enrollment } = valueOf(
    await app.call('members.add', {
      displayName: VIEWER.displayName,
      email: VIEWER.email,
      orgRole: 'member',
      projectRoles: [{ projectId: seeded.projectId, role: 'read_only' }],
    }),
  )
  valueOf(await app.call('session.signOut', {}))
  await page.reload()

  await test.step('enroll with the one-time code from the sign-in screen', async () => {
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    await page.getByRole('link', { name: 'I have an enrollment code' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Enroll with a code' })).toBeVisible()
    await expectAccessible(page)
    await page.getByLabel('Email').fill(VIEWER.email)
    await page.getByLabel('Enrollment code').fill(enrollment.code)
    await page.getByLabel('New passphrase').fill(VIEWER.passphrase)
    await page.getByLabel('Confirm passphrase').fill('something else entirely')
    await page.getByRole('button', { name: 'Enroll and sign in' }).click()
    await expect(page.getByText('The passphrases do not match.')).toBeVisible()
    await expectAccessible(page)
    await page.getByLabel('Confirm passphrase').fill(VIEWER.passphrase)
    await page.getByRole('button', { name: 'Enroll and sign in' }).click()
    await expect(accountMenu(page)).toContainText(VIEWER.displayName)
  })

  await test.step('the code worked once', async () => {
    const reuse = await app.call('enrollment.redeem', { email: VIEWER.email, code: enrollment.code, passphrase: VIEWER.passphrase })
    expect(reuse).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_INVALID' } })
  })

  await test.step('navigation offers only what the role can use', async () => {
    await expect(page.getByRole('link', { name: 'Projects' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Members' })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0)
    await page.getByRole('link', { name: 'Projects' }).click()
    await expect(page.getByRole('row', { name: /Payments/ })).toContainText('Project Read-Only')
    await expect(page.getByRole('button', { name: 'Create project' })).toHaveCount(0)
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Payments' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Payments: clusters' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Create cluster' })).toHaveCount(0)
  })

  await test.step('the Users tab shows users without any change action', async () => {
    await openCluster(page, seeded)
    await expect(page.getByText('Your role in this project lets you view cluster users.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Add user' })).toHaveCount(0)
    await expect(userRow(page, 'db_admin').getByRole('button')).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Verify a credential' })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('forced calls are refused with FORBIDDEN and change nothing', async () => {
    const clusterId = seeded.clusterId
    const attempts = [
      await app.call('clusterUsers.add', { clusterId, username: 'sneaky', role: 'admin', password: { mode: 'generate' } }),
      await app.call('clusterUsers.resetPassword', { clusterId, username: 'db_admin', password: { mode: 'generate' } }),
      await app.call('clusterUsers.changeRole', { clusterId, username: 'db_admin', role: 'read_only' }),
      await app.call('clusterUsers.drop', { clusterId, username: 'db_admin', confirmUsername: 'db_admin' }),
      await app.call('clusters.create', {
        projectId: seeded.projectId,
        name: 'rogue',
        endpoint: 'https://rogue.example:19530',
        dbAdminPassword: { mode: 'generate' },
      }),
      await app.call('projects.create', { name: 'Rogue project' }),
    ]
    for (const attempt of attempts) expect(attempt).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const users = valueOf(await app.call('clusterUsers.list', { clusterId }))
    expect(users.map((user) => user.username)).toEqual(['db_admin'])
    const clusters = valueOf(await app.call('clusters.list', { projectId: seeded.projectId }))
    expect(clusters.map((cluster) => cluster.name)).toEqual(['orders'])
  })

  await test.step('the organization-wide audit log is not for this role', async () => {
    const audit = await app.call('audit.list', { filter: {}, limit: 10 })
    expect(audit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

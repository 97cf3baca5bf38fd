/**
 * Shared steps of the cluster-credential specs (clusters-*.spec.ts, members.spec.ts,
 * audit.spec.ts). Seeding goes through `window.api` (the same door the UI uses), so
 * every seeded row is authorized and audited like a click would be.
 */
import type { Page } from '@playwright/test'
import type { IpcResponse } from '../../shared/errors'
import { createWorkspace, expect, type AppHandle } from './fixtures'

export const ENDPOINT = 'https://in01-1234.aws-us-west-2.vectordb.example:19530'
export const DB_ADMIN_PASSWORD = 'Db-Admin-Pass-2024'

export function valueOf<T>(response: IpcResponse<T>): T {
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`)
  return response.value
}

export interface SeededCluster {
  projectId: string
  clusterId: string
  clusterName: string
  projectName: string
}

/** Workspace owner signed in, one project with one cluster (db_admin's reveal dismissed). */
export async function seedOwnerWithCluster(app: AppHandle): Promise<SeededCluster> {
  await createWorkspace(app)
  const project = valueOf(await app.call('projects.create', { name: 'Payments' }))
  const { cluster, reveal } = valueOf(
    await app.call('clusters.create', {
      projectId: project.id,
      name: 'orders',
      endpoint: ENDPOINT,
      dbAdminPassword: { mode: 'typed', password: DB_ADMIN_PASSWORD },
    }),
  )
  valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
  return { projectId: project.id, clusterId: cluster.id, clusterName: cluster.name, projectName: project.name }
}

/**
 * Adds a cluster user through window.api and dismisses its show-once ticket unseen, as
 * closing the dialog would. The password is typed when given, generated otherwise.
 */
export async function seedClusterUser(
  app: AppHandle,
  seeded: SeededCluster,
  user: { username: string; role?: 'admin' | 'read_write' | 'read_only'; password?: string },
): Promise<void> {
  const { reveal } = valueOf(
    await app.call('clusterUsers.add', {
      clusterId: seeded.clusterId,
      username: user.username,
      role: user.role ?? 'read_only',
      password: user.password ? { mode: 'typed', password: user.password } : { mode: 'generate' },
    }),
  )
  valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
}

/** Goes to a route of the hash-history router, as a bookmark would. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash
  }, `#${path}`)
}

export async function openCluster(page: Page, seeded: SeededCluster): Promise<void> {
  await goTo(page, `/clusters/${seeded.clusterId}`)
  await expect(page.getByRole('heading', { level: 1, name: seeded.clusterName })).toBeVisible()
  await expect(page.getByRole('table', { name: `Cluster users of ${seeded.clusterName}` })).toContainText('db_admin')
}

/**
 * Records the reveal ticket ids main hands to the renderer, by wrapping the bridge's
 * binding in the page (the tickets themselves are not secrets: they work once).
 * Bridge only; call again after a reload.
 */
export async function recordRevealTickets(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Invoke = (channel: string, input: unknown) => Promise<{ ok: boolean; value?: { reveal?: { ticketId: string } } }>
    const host = window as unknown as { __ccInvoke: Invoke; __ticketIds: string[] }
    const original = host.__ccInvoke
    host.__ticketIds = []
    host.__ccInvoke = async (channel, input) => {
      const response = await original(channel, input)
      const ticketId = response.ok ? response.value?.reveal?.ticketId : undefined
      if (ticketId) host.__ticketIds.push(ticketId)
      return response
    }
  })
}

export async function recordedTicketIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __ticketIds: string[] }).__ticketIds)
}

/** Reads the password from the open show-once dialog (its groups joined). */
export async function revealedPassword(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Store this password' })
  await expect(
    dialog.getByText('The password will not be displayed again. Keep it in your vault, or note it down and store it securely.'),
  ).toBeVisible()
  const text = await dialog.getByTestId('secret-value').textContent()
  if (!text) throw new Error('No password shown')
  return text
}

/**
 * "I have stored it". When the password was not copied the app asks first ("Close without
 * copying?"); `copied: true` says it was, so no question is expected.
 */
export async function closeReveal(page: Page, { copied = false }: { copied?: boolean } = {}): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Store this password' })
  await dialog.getByRole('button', { name: 'I have stored it' }).click()
  if (!copied) {
    await page.getByRole('dialog', { name: 'Close without copying?' }).getByRole('button', { name: 'Close and forget it' }).click()
  }
  await expect(dialog).toBeHidden()
}

/** A row of the cluster users table, by username. */
export function userRow(page: Page, username: string) {
  return page.locator(`tr[data-username="${username}"]`)
}

export function accountMenu(page: Page) {
  return page.getByRole('button', { name: /Account menu/ })
}

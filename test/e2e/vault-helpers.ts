/** Shared steps of the vault specs (vault-*.spec.ts). */
import type { Page } from '@playwright/test'
import { expect, OWNER, type AppHandle } from './fixtures'
import { valueOf, type SeededCluster } from './clusters-helpers'

/** Adds a cluster user through window.api and keeps its show-once password in the vault, as the dialog's button does. */
export async function seedKeptUser(app: AppHandle, seeded: SeededCluster, username: string, password: string): Promise<string> {
  const { reveal } = valueOf(
    await app.call('clusterUsers.add', {
      clusterId: seeded.clusterId,
      username,
      role: 'read_only',
      password: { mode: 'typed', password },
    }),
  )
  // As in the dialog: the ticket is opened (shown), kept while still open, then dismissed.
  valueOf(await app.call('reveal.open', { ticketId: reveal.ticketId }))
  const entry = valueOf(await app.call('vault.keepFromReveal', { ticketId: reveal.ticketId }))
  valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
  return entry.id
}

export async function openVault(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vault' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Vault' })).toBeVisible()
}

/** A row of the vault list by the entry's title. */
export function vaultRow(page: Page, title: string | RegExp) {
  return page.getByRole('listbox', { name: 'Vault entries' }).getByRole('option', { name: title })
}

/** Signs in as the owner on the sign-in screen (which is also how a locked session is unlocked). */
export async function unlock(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByRole('radio', { name: new RegExp(OWNER.displayName) }).click()
  await page.getByLabel('Passphrase', { exact: true }).fill(OWNER.passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Opens an entry from the list by keyboard only: search box → ArrowDown into the list → Enter. */
export async function openFirstMatch(page: Page, query: string, expectedSummary: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search' })
  await search.fill(query)
  // Main answers after a short typing pause: wait for this query's result, not the previous one.
  await expect(page.getByTestId('vault-summary')).toHaveText(expectedSummary)
  await search.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 2, name: 'Credential' })).toBeVisible()
}

/**
 * `npm run docs:screenshot`: renders the README's pictures through the Chromium bridge at
 * 1280×800 in the light scheme — docs/screenshot.png (a cluster's users) and the flows in
 * docs/flows/: add-user, show-once, vault, vault-entry, handoff, members, audit, sign-in. A demo workspace is seeded
 * through window.api (the door the UI uses, so every row is authorized and audited), then
 * each flow is driven through the UI. The password in show-once.png is generated for this
 * throwaway workspace, which is deleted afterwards. Needs `npm run build` first.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { attachBridge } from './bridgeSession'
import { buildBridgeInitScript } from './buildInitScript'
import { launchBridgeChromium } from './launchChromium'
import { BRIDGE_ENTRY_URL, REPO_ROOT } from './paths'

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

const DOCS = join(REPO_ROOT, 'docs')
const FLOWS = join(DOCS, 'flows')
const OWNER = {
  organizationName: 'Acme Data',
  displayName: 'Ada Admin',
  email: 'ada@example.com',
  passphrase: 'correct horse battery staple',
}

async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const response = (await page.evaluate(
    ([name, payload]) => (globalThis as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api[name]!(payload),
    [channel, input] as const,
  )) as Envelope
  if (!response.ok) throw new Error(`${channel}: ${response.error.code} ${response.error.message}`)
  return response.value as T
}

async function capture(page: Page, path: string): Promise<void> {
  // Dialog fade-ins, menus and toasts: photograph the settled screen.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'))
  await page.screenshot({ path })
}

async function goTo(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash
  }, `#${route}`)
}

interface Demo {
  projectId: string
  clusterId: string
}

/** Owner, one project with one cluster and a few cluster users, and a pending member. */
async function seed(page: Page): Promise<Demo> {
  await call(page, 'workspace.create', OWNER)
  const project = await call<{ id: string }>(page, 'projects.create', { name: 'Search platform' })
  const { cluster, reveal } = await call<{ cluster: { id: string }; reveal: { ticketId: string } }>(page, 'clusters.create', {
    projectId: project.id,
    name: 'prod-vectors-eu',
    endpoint: 'https://in03-8f2c1a.eu-central-1.example.cloud:19530',
    dbAdminPassword: { mode: 'generate' },
  })
  await call(page, 'reveal.dismiss', { ticketId: reveal.ticketId })
  for (const [username, role] of [
    ['ingest_service', 'read_write'],
    ['analytics_ro', 'read_only'],
    ['ops_admin', 'admin'],
  ] as const) {
    const added = await call<{ reveal: { ticketId: string } }>(page, 'clusterUsers.add', {
      clusterId: cluster.id,
      username,
      role,
      password: { mode: 'generate' },
    })
    await call(page, 'reveal.dismiss', { ticketId: added.reveal.ticketId })
  }
  await call(page, 'members.add', {
    displayName: 'Grace Hopper',
    email: 'grace@example.com',
    orgRole: 'member',
    projectRoles: [{ projectId: project.id, role: 'owner' }],
  })
  await call(page, 'members.add', {
    displayName: 'Linus Reader',
    email: 'linus@example.com',
    orgRole: 'member',
    projectRoles: [{ projectId: project.id, role: 'read_only' }],
  })
  return { projectId: project.id, clusterId: cluster.id }
}

async function usersAndShowOnce(page: Page, demo: Demo): Promise<void> {
  await goTo(page, `/clusters/${demo.clusterId}`)
  await page
    .getByRole('table', { name: /Cluster users of/ })
    .getByText('ingest_service', { exact: true })
    .waitFor()
  await capture(page, join(DOCS, 'screenshot.png'))

  await page.getByRole('button', { name: 'Add user' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add user' })
  await dialog.getByLabel('Username').fill('reporting_bot')
  await dialog.getByLabel('Cluster role').selectOption('read_only')
  await capture(page, join(FLOWS, 'add-user.png'))

  await dialog.getByRole('button', { name: 'Add user' }).click()
  const reveal = page.getByRole('dialog', { name: 'Store this password' })
  await reveal.getByTestId('secret-value').waitFor()
  await capture(page, join(FLOWS, 'show-once.png'))
  await reveal.getByRole('button', { name: 'Keep in my vault' }).click()
  await reveal.getByRole('button', { name: 'Done' }).click()
  await reveal.waitFor({ state: 'hidden' })
}

/** Hand-added entries beside the kept one, so the list shows search, tags and a cluster outside the workspace. */
async function seedVault(page: Page): Promise<void> {
  for (const [title, username, tags] of [
    ['Staging search (partner cloud)', 'search_ro', ['staging', 'partner']],
    ['Nightly backup job', 'backup_bot', ['prod', 'jobs']],
  ] as const) {
    await call(page, 'vault.add', {
      title,
      clusterId: null,
      endpoint: 'https://in01-77ab3c.us-east-1.partner.example:19530',
      username,
      password: `Demo-${username}-Pass-2026`,
      notes: '',
      tags: [...tags],
    })
  }
}

async function vault(page: Page): Promise<void> {
  await seedVault(page)
  await goTo(page, '/vault')
  await page.getByRole('heading', { level: 1, name: 'Vault' }).waitFor()
  await page.getByText('reporting_bot').first().waitFor()
  await capture(page, join(FLOWS, 'vault.png'))
  await page.getByText('reporting_bot').first().click()
  await page.getByRole('heading', { name: 'Connect' }).waitFor()
  await capture(page, join(FLOWS, 'vault-entry.png'))
}

async function handoff(page: Page): Promise<void> {
  await goTo(page, '/handoff')
  await page.getByRole('heading', { name: 'My contact card' }).waitFor()
  await capture(page, join(FLOWS, 'handoff.png'))
}

async function members(page: Page): Promise<void> {
  await goTo(page, '/members')
  await page.getByRole('table', { name: 'Members of the organization' }).getByText('grace@example.com', { exact: true }).waitFor()
  await capture(page, join(FLOWS, 'members.png'))
}

async function audit(page: Page): Promise<void> {
  await goTo(page, '/audit')
  await page.getByRole('table', { name: /Audit rows/ }).waitFor()
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await page.getByText(/Chain intact/).waitFor()
  await capture(page, join(FLOWS, 'audit.png'))
}

async function signIn(page: Page): Promise<void> {
  await call(page, 'session.signOut', {})
  await page.reload()
  await page.getByRole('heading', { name: 'Sign in' }).waitFor()
  await page.getByLabel('Passphrase').fill(OWNER.passphrase)
  await capture(page, join(FLOWS, 'sign-in.png'))
}

async function main(): Promise<void> {
  await buildBridgeInitScript()
  mkdirSync(FLOWS, { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-screenshot-'))
  const browser = await launchBridgeChromium({ headless: true })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
    const page = await context.newPage()
    const bridge = await attachBridge(page, { dataDir })
    await page.goto(BRIDGE_ENTRY_URL)
    const demo = await seed(page)
    // Seeded behind the renderer's back: reload so it reads the new state from main.
    await page.reload()
    await page.getByRole('heading', { name: 'Projects' }).waitFor()
    await usersAndShowOnce(page, demo)
    await vault(page)
    await handoff(page)
    await members(page)
    await audit(page)
    await signIn(page)
    await bridge.close()
  } finally {
    await browser.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`docs:screenshot failed: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

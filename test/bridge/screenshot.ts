/**
 * `npm run docs:screenshot`: renders docs/screenshot.png through the Chromium bridge —
 * a demo workspace (one project, one cluster, a few cluster users) seeded through
 * window.api, then the cluster's users page. Needs `npm run build` first.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { attachBridge } from './bridgeSession'
import { buildBridgeInitScript } from './buildInitScript'
import { launchBridgeChromium } from './launchChromium'
import { BRIDGE_ENTRY_URL, REPO_ROOT } from './paths'

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const response = (await page.evaluate(
    ([name, payload]) => (globalThis as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api[name]!(payload),
    [channel, input] as const,
  )) as Envelope
  if (!response.ok) throw new Error(`${channel}: ${response.error.code} ${response.error.message}`)
  return response.value as T
}

async function main(): Promise<void> {
  await buildBridgeInitScript()
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-screenshot-'))
  const browser = await launchBridgeChromium({ headless: true })
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
    const page = await context.newPage()
    const bridge = await attachBridge(page, { dataDir })
    await page.goto(BRIDGE_ENTRY_URL)
    await call(page, 'workspace.create', {
      organizationName: 'Acme Data',
      displayName: 'Ada Admin',
      email: 'ada@example.com',
      passphrase: 'correct horse battery staple',
    })
    const project = await call<{ id: string }>(page, 'projects.create', { name: 'Search platform' })
    const { cluster } = await call<{ cluster: { id: string } }>(page, 'clusters.create', {
      projectId: project.id,
      name: 'prod-vectors-eu',
      endpoint: 'https://in03-8f2c1a.eu-central-1.example.cloud:19530',
      dbAdminPassword: { mode: 'generate' },
    })
    for (const [username, role] of [
      ['ingest_service', 'read_write'],
      ['analytics_ro', 'read_only'],
      ['ops_admin', 'admin'],
    ] as const) {
      await call(page, 'clusterUsers.add', { clusterId: cluster.id, username, role, password: { mode: 'generate' } })
    }
    // Seeded behind the renderer's back: reload so it reads the new state from main.
    await page.reload()
    await page.getByRole('heading', { name: 'Projects' }).waitFor()
    await page.goto(`${BRIDGE_ENTRY_URL}#/clusters/${cluster.id}`)
    await page.getByText('ingest_service').first().waitFor()
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'))
    await page.screenshot({ path: join(REPO_ROOT, 'docs', 'screenshot.png') })
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

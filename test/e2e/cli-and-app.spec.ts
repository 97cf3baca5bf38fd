/**
 * One workspace, used by the app and the command line in turn: what the app creates the
 * CLI sees, what the CLI creates the app shows, and the audit chain stays intact across
 * both. Runs the built CLI (out/cli, from `npm run build`) as a child process; bridge only,
 * because under Electron the app's one-instance lock (rightly) keeps the CLI out.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { REPO_ROOT } from '../bridge/paths'
import { createWorkspace, expect, OWNER, test } from './fixtures'
import { openVault, vaultRow } from './vault-helpers'

test.beforeEach(({ appRuntime }) => {
  test.skip(appRuntime !== 'chromium-bridge', 'the app holds its folder under Electron; the CLI waits and refuses there')
})

/** The built CLI as a script runs it: passphrase on fd 3, a typed password (if any) on fd 4. */
function ccred(dataDir: string, args: string[], password?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'out', 'cli', 'index.js'), '--data-dir', dataDir, '--email', OWNER.email, '--passphrase-fd', '3', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    ;(child.stdio[3] as NodeJS.WritableStream).end(`${OWNER.passphrase}\n`)
    ;(child.stdio[4] as NodeJS.WritableStream).end(password === undefined ? '' : `${password}\n`)
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

test('the app and the command line share one workspace', async ({ app }) => {
  const { page } = app
  await createWorkspace(app)

  await test.step('a project made in the app is listed by the CLI', async () => {
    const created = await app.call('projects.create', { name: 'Payments' })
    expect(created.ok).toBe(true)
    const listed = await ccred(app.dataDir, ['--json', 'projects', 'list'])
    expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' })
    expect((JSON.parse(listed.stdout) as { projects: Array<{ name: string }> }).projects.map((project) => project.name)).toEqual([
      'Payments',
    ])
  })

  await test.step('a project made with the CLI shows in the app', async () => {
    const created = await ccred(app.dataDir, ['projects', 'create', 'Billing'])
    expect(created.code).toBe(0)
    // The page keeps what it loaded; a reload reads the workspace again (the session stays in main).
    await page.reload()
    await page.getByRole('link', { name: 'Projects' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible()
    await expect(page.getByText('Billing', { exact: true })).toBeVisible()
  })

  await test.step('a vault entry added with the CLI is in the vault of the app, and one added in the app is found by the CLI', async () => {
    const added = await ccred(
      app.dataDir,
      [
        'vault',
        'add',
        '--title',
        'Kept from the CLI',
        '--username',
        'svc_cli',
        '--endpoint',
        'https://cli.example:19530',
        '--password-fd',
        '4',
      ],
      'Cli-Kept-Pass-1',
    )
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' })
    await page.reload()
    await openVault(page)
    await expect(vaultRow(page, /Kept from the CLI/)).toBeVisible()

    const fromApp = await app.call('vault.add', {
      title: 'Kept in the app',
      clusterId: null,
      endpoint: 'https://app.example:19530',
      username: 'svc_app',
      password: 'App-Kept-Pass-1',
      notes: '',
      tags: [],
    })
    expect(fromApp.ok).toBe(true)
    const found = await ccred(app.dataDir, ['--json', 'vault', 'search', 'kept'])
    expect((JSON.parse(found.stdout) as { entries: Array<{ title: string }> }).entries.map((entry) => entry.title)).toEqual([
      'Kept from the CLI',
      'Kept in the app',
    ])
  })

  await test.step('the audit chain is intact across both writers', async () => {
    const fromApp = await app.call('audit.verify', {})
    expect(fromApp).toMatchObject({ ok: true, value: { ok: true } })
  })
})

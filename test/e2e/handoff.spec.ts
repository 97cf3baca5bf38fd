/**
 * Issue 9, secure handoff: an owner adds a cluster user, hands its password off from the
 * show-once dialog to a member's inbox; the member signs in, opens it once from the inbox,
 * sees it in the show-once dialog and keeps it in their vault. A contact card rendered as a QR image is imported
 * by reading the image, and by scanning it with a (fake) camera. Axe-clean at every screen.
 */
import { writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { renderQr } from '../../electron/core/handoff/qr'
import { attachBridge } from '../bridge/bridgeSession'
import { launchBridgeChromium } from '../bridge/launchChromium'
import { BRIDGE_ENTRY_URL } from '../bridge/paths'
import { createWorkspace, expect, expectAccessible, OWNER, test, type AppHandle } from './fixtures'
import { ENDPOINT, goTo, revealedPassword, valueOf } from './clusters-helpers'
import { y4mShowingPng } from './fakeCamera'

const MEMBER = { displayName: 'Pat Member', email: 'pat@example.com', passphrase: 'pat picks a passphrase' }
/** A contact card of someone elsewhere (public keys only), as another installation would export it. */
const FOREIGN_CARD =
  '{"ageRecipient":"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p","email":"quinn@elsewhere.example","name":"Quinn Elsewhere","signingKey":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=","type":"cluster-credentials-contact","version":1}'

test('hand a new password to a member: inbox → open once → keep in vault', async ({ app }) => {
  test.skip(!app.core, 'seeds a second account through the in-process core')
  const { page } = app
  await createWorkspace(app)
  const project = valueOf(await app.call('projects.create', { name: 'Payments' }))
  const { cluster, reveal } = valueOf(
    await app.call('clusters.create', { projectId: project.id, name: 'orders', endpoint: ENDPOINT, dbAdminPassword: { mode: 'generate' } }),
  )
  valueOf(await app.call('reveal.dismiss', { ticketId: reveal.ticketId }))
  const { member, enrollment } = valueOf(
    await app.call('members.add', { displayName: MEMBER.displayName, email: MEMBER.email, orgRole: 'member', projectRoles: [] }),
  )
  // The member enrolls (their handoff identity is created then) and the owner signs back in.
  valueOf(await app.call('session.signOut', {}))
  valueOf(await app.call('enrollment.redeem', { email: MEMBER.email, code: enrollment.code, passphrase: MEMBER.passphrase }))
  valueOf(await app.call('session.signOut', {}))
  const owner = valueOf(await app.call('accounts.listForSignIn', {})).find((account) => account.email === OWNER.email)!
  valueOf(await app.call('session.signIn', { accountId: owner.id, passphrase: OWNER.passphrase }))
  await page.reload()

  let password = ''
  await test.step('add a user; "Hand off…" from the show-once dialog to the member', async () => {
    await goTo(page, `/clusters/${cluster.id}`)
    await page.getByRole('button', { name: 'Add user' }).click()
    const addDialog = page.getByRole('dialog', { name: 'Add user' })
    await addDialog.getByLabel('Username').fill('app_reader')
    await addDialog.getByRole('button', { name: 'Add user' }).click()
    password = await revealedPassword(page)
    await page.getByRole('button', { name: 'Hand off…' }).click()
    const send = page.getByRole('dialog', { name: 'Hand off this password' })
    await expect(send.getByLabel(/Pat Member/)).toBeVisible()
    await expect(send.getByLabel('Expires after')).toHaveValue('24')
    await expectAccessible(page)
    await send.getByLabel(/Pat Member/).check()
    await send.getByLabel('Note (optional)').fill('for the reporting job')
    await send.getByRole('button', { name: 'Hand off' }).click()
    await expect(send.getByText("Waiting in Pat Member's inbox")).toBeVisible()
    await send.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('dialog', { name: 'Store this password' }).getByRole('button', { name: 'I have stored it' }).click()
    expect(await page.content()).not.toContain(password)
  })

  await test.step('the sender sees it waiting and revocable', async () => {
    await page.getByRole('link', { name: 'Handoff' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Handoff' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Handoffs you sent to members' })).toContainText('Waiting')
    await expect(page.getByRole('button', { name: 'Revoke' })).toBeVisible()
  })

  await test.step('the member signs in, opens it from the inbox, and sees the password once', async () => {
    valueOf(await app.call('session.signOut', {}))
    valueOf(await app.call('session.signIn', { accountId: member.id, passphrase: MEMBER.passphrase }))
    await page.reload()
    await goTo(page, '/handoff')
    const inbox = page.getByRole('table', { name: 'Handoffs waiting for you' })
    await expect(inbox).toContainText('app_reader')
    await expect(inbox).toContainText('Ada Admin')
    await expectAccessible(page)
    await inbox.getByRole('button', { name: 'Open' }).click()
    expect(await revealedPassword(page)).toBe(password)
    await expect(page.getByRole('dialog', { name: 'Store this password' })).toContainText('Handed off by Ada Admin')
    const shown = page.getByRole('dialog', { name: 'Store this password' })
    await expect(shown).toContainText('for the reporting job')
    await shown.getByRole('button', { name: 'Keep in my vault' }).click()
    await expect(shown.getByText(/Kept in your vault as/)).toBeVisible()
    await shown.getByRole('button', { name: 'Done' }).click()
    await expect(page.getByText('Nothing waiting')).toBeVisible()
    expect(await page.content()).not.toContain(password)
  })

  await test.step("the handed-off password is in the member's vault", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vault' }).click()
    await expect(page.getByRole('listbox', { name: 'Vault entries' }).getByRole('option', { name: /app_reader/ })).toBeVisible()
    expect(await page.content()).not.toContain(password)
  })
})

test("a contact card's QR image is read and imported, unverified until marked", async ({ app }) => {
  const { page } = app
  await createWorkspace(app)
  await goTo(page, '/handoff')
  await test.step('read the QR image and import the card', async () => {
    const qr = valueOf(await app.call('handoff.renderQr', { text: FOREIGN_CARD }))
    const imagePath = join(app.dataDir, 'card.png')
    writeFileSync(imagePath, Buffer.from(qr.dataUrl.split(',')[1]!, 'base64'))
    await page.getByRole('button', { name: 'Import card…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import a contact card' })
    // The bridge's browser has no camera: the scanner button says so instead of failing silently.
    if (app.runtime === 'chromium-bridge') await expect(dialog.getByText('No camera found', { exact: true })).toBeVisible()
    await dialog.getByTestId('qr-image-input').setInputFiles(imagePath)
    await expect(dialog.getByLabel('Contact card')).toHaveValue(FOREIGN_CARD)
    await expectAccessible(page)
    await dialog.getByRole('button', { name: 'Import card' }).click()
    const row = page.getByTestId('contact-Quinn Elsewhere')
    await expect(row).toContainText('Unverified')
    await row.getByRole('button', { name: 'Mark verified' }).click()
    await expect(row).toContainText('Verified')
    await expect(page.getByTestId('my-card-qr')).toBeVisible()
  })
})

test("a contact card's QR code is scanned with the camera, which is on only while the scanner is open", async ({ appRuntime }) => {
  test.skip(appRuntime !== 'chromium-bridge', "feeds the bridge's Chromium a video file as its camera")
  const dataDir = await mkdtemp(join(tmpdir(), 'cc-e2e-camera-'))
  // The camera films the app's own QR code of the card.
  const qr = await renderQr(FOREIGN_CARD)
  const video = join(dataDir, 'camera.y4m')
  writeFileSync(video, y4mShowingPng(Buffer.from(qr.dataUrl.split(',')[1]!, 'base64')))
  const browser = await launchBridgeChromium({
    headless: true,
    extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  })
  const page = await browser.newPage()
  // As the fixtures do for every other test: no uncaught errors, no CSP violations.
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text())
  })
  const bridge = await attachBridge(page, { dataDir })
  try {
    await page.goto(BRIDGE_ENTRY_URL)
    const call: AppHandle['call'] = (channel, input) =>
      page.evaluate(
        ([name, payload]) => (globalThis as unknown as { api: Record<string, (input: unknown) => Promise<unknown>> }).api[name]!(payload),
        [channel, input] as const,
      ) as never
    await createWorkspace({ page, call } as AppHandle)
    await goTo(page, '/handoff')
    await page.getByRole('button', { name: 'Import card…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import a contact card' })
    await expect(dialog.getByText('No camera found', { exact: true })).toBeHidden()
    expect(bridge.core.qrScanner.isOpen()).toBe(false)
    // Keep a handle on every stream the page gets, to see that its tracks end.
    await page.evaluate(() => {
      const devices = navigator.mediaDevices
      const getUserMedia = devices.getUserMedia.bind(devices)
      const streams: MediaStream[] = ((globalThis as unknown as { cameraStreams: MediaStream[] }).cameraStreams = [])
      devices.getUserMedia = async (constraints) => {
        const stream = await getUserMedia(constraints)
        streams.push(stream)
        return stream
      }
    })
    await dialog.getByRole('button', { name: 'Scan with camera…' }).click()
    await expect(dialog.getByLabel('Contact card')).toHaveValue(FOREIGN_CARD)
    // Read: the preview is gone, every track stopped, and main closed the scanner.
    await expect(dialog.getByTestId('qr-scanner')).toHaveCount(0)
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0)
    const tracks = await page.evaluate(() =>
      (globalThis as unknown as { cameraStreams: MediaStream[] }).cameraStreams.flatMap((stream) =>
        stream.getTracks().map((track) => `${track.kind}:${track.readyState}`),
      ),
    )
    expect(tracks).toEqual(['video:ended'])
    await expect.poll(() => bridge.core.qrScanner.isOpen()).toBe(false)
    // Main was told before the camera started and after it stopped (its permission handler asks exactly this gate).
    const gateEvents = bridge.logLines.filter((line) => /handoff\.scanner_(opened|closed)/.test(line))
    expect(gateEvents.map((line) => /scanner_(opened|closed)/.exec(line)![1])).toEqual(['opened', 'closed'])
    await dialog.getByRole('button', { name: 'Import card' }).click()
    await expect(page.getByTestId('contact-Quinn Elsewhere')).toContainText('Unverified')
    expect(problems).toEqual([])
  } finally {
    await browser.close()
    await bridge.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})

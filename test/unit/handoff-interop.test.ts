/**
 * Interop with standard tools: a handoff to an external recipient (a key from
 * `age-keygen`) decrypts with Debian's `age -d -i` to the documented envelope, and QR
 * codes the app renders decode with Debian's `zbarimg` (and with jsQR, which the renderer
 * uses to read QR images) to exactly the text they carry. `.ci/run` installs `age` and
 * `zbar-tools`.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { canonicalJson } from '../../electron/core/handoff/canonical'
import { SIGNING_CONTEXT } from '../../electron/core/handoff/envelope'
import { decodeCard } from '../../electron/core/handoff/identity'
import { renderQr } from '../../electron/core/handoff/qr'
import { loadSodium } from '../../electron/core/crypto/sodium'
import { makeTempDir } from '../../electron/core/testing/tempDir'
import { withCode } from './support/appErrors'
import { createHandoffWorkspace, type HandoffWorkspace } from './support/handoffWorld'

function pngOf(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64')
}

function zbarimg(path: string): string {
  // --raw prints only the content; -q drops the summary; binary mode keeps bytes as they are.
  return execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', path], { encoding: 'utf8' })
}

function jsQrDecode(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

describe('handoff interop', () => {
  let world: HandoffWorkspace
  let folder: string
  beforeAll(async () => {
    world = await createHandoffWorkspace({ organization: 'Alpha', owner: { displayName: 'Alice', email: 'alice@alpha.example' } })
    folder = makeTempDir()
  })
  afterAll(() => world.cleanup())

  it('an external-recipient handoff decrypts with `age -d -i` to the documented, correctly signed envelope', async () => {
    const keyPath = join(folder, 'key.txt')
    execFileSync('age-keygen', ['-o', keyPath], { stdio: 'pipe' })
    const recipient = /# public key: (age1\S+)/.exec(readFileSync(keyPath, 'utf8'))![1]!
    const contact = world.core.handoff.addExternal(world.owner, 'Ops laptop', recipient)
    expect(contact).toMatchObject({ kind: 'external', fingerprint: null, verified: false })
    const [sent] = await world.core.handoff.send(world.owner, {
      source: { kind: 'reveal', ticketId: world.ticketFor('Interop-Secret-1') },
      recipientIds: [contact.id],
      expiresInHours: 24,
      note: 'rotate after use',
    })
    expect(sent).toMatchObject({ delivery: 'file', enforced: false })
    const filePath = join(folder, 'handoff.age')
    writeFileSync(filePath, sent!.armored!)
    const envelope = JSON.parse(execFileSync('age', ['-d', '-i', keyPath, filePath], { encoding: 'utf8' })) as {
      type: string
      version: number
      payload: Record<string, unknown> & { sender: Record<string, string>; credential: Record<string, string> }
      signature: string
    }
    expect(envelope).toMatchObject({
      type: 'cluster-credentials-handoff',
      version: 1,
      payload: {
        id: sent!.handoffId,
        recipient: recipient,
        note: 'rotate after use',
        expiresAt: new Date(sent!.expiresAt).toISOString(),
        sender: { type: 'cluster-credentials-contact', version: 1, name: 'Alice', email: 'alice@alpha.example' },
        credential: { cluster: 'orders-prod', username: 'app_reader', role: 'read_only', password: 'Interop-Secret-1', endpoint: expect.stringMatching(/^https:/) },
      },
    })
    // Another tool verifies the signature exactly as README describes.
    const sodium = await loadSodium()
    const message = new TextEncoder().encode(SIGNING_CONTEXT + canonicalJson(envelope.payload as never))
    const publicKey = new Uint8Array(Buffer.from(envelope.payload.sender.signingKey!, 'base64'))
    expect(sodium.crypto_sign_verify_detached(new Uint8Array(Buffer.from(envelope.signature, 'base64')), message, publicKey)).toBe(true)
  })

  it('a handoff QR code decodes with zbarimg and jsQR to the same armored text, which still opens', async () => {
    const self = await world.core.handoff.myCard(world.owner)
    const second = await createHandoffWorkspace({ organization: 'Beta', owner: { displayName: 'Bob', email: 'bob@beta.example' } })
    try {
      const bobCard = await second.core.handoff.myCard(second.owner)
      const bobContact = world.core.handoff.importCard(world.owner, bobCard.text)
      second.core.handoff.importCard(second.owner, self.text)
      const [sent] = await world.core.handoff.send(world.owner, { source: { kind: 'reveal', ticketId: world.ticketFor('Qr-Secret-2') }, recipientIds: [bobContact.id], expiresInHours: 2, note: null })
      const qr = await renderQr(sent!.armored!)
      expect(qr.bytes).toBe(sent!.armored!.length)
      expect(qr.bytes).toBeLessThan(1_500)
      const path = join(folder, 'handoff.png')
      writeFileSync(path, pngOf(qr.dataUrl))
      const scanned = zbarimg(path)
      // In binary mode zbarimg prints the content byte for byte, adding nothing.
      expect(scanned).toBe(sent!.armored!)
      expect(jsQrDecode(pngOf(qr.dataUrl))).toBe(sent!.armored!)
      const opened = await second.core.handoff.openFile(second.owner, jsQrDecode(pngOf(qr.dataUrl))!, null)
      expect(opened.status).toBe('opened')
    } finally {
      second.cleanup()
    }
  })

  it('a contact-card QR code round-trips through zbarimg and jsQR', async () => {
    const card = await world.core.handoff.myCard(world.owner)
    const qr = await renderQr(card.text)
    const path = join(folder, 'card.png')
    writeFileSync(path, pngOf(qr.dataUrl))
    expect(zbarimg(path)).toBe(card.text)
    expect(jsQrDecode(pngOf(qr.dataUrl))).toBe(card.text)
    expect(decodeCard(jsQrDecode(pngOf(qr.dataUrl))!)).toMatchObject({ name: 'Alice', ageRecipient: card.ageRecipient })
  })

  it('refuses, with the size, text too large for one QR code', async () => {
    await expect(renderQr('x'.repeat(2_954))).rejects.toThrow(withCode('QR_TOO_LARGE'))
    await expect(renderQr('x'.repeat(2_954))).rejects.toThrow(/2,954 bytes/)
  })
})

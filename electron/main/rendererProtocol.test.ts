import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, resolveRendererAsset } from './rendererProtocol'

const ORIGIN = 'app://cluster-credentials'
let sandbox: string
let root: string

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'cc-protocol-'))
  root = join(sandbox, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}')
  writeFileSync(join(sandbox, 'secret.txt'), 'outside')
  symlinkSync(join(sandbox, 'secret.txt'), join(root, 'assets', 'escape.js'))
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'assets', 'alias.js'))
})

afterAll(() => rmSync(sandbox, { recursive: true, force: true }))

describe('resolveRendererAsset', () => {
  it('serves index.html for the root and files inside the folder with the CSP header', () => {
    for (const url of [`${ORIGIN}/`, `${ORIGIN}/index.html`, `${ORIGIN}/index.html?x=1#/sign-in`]) {
      const asset = resolveRendererAsset(root, url)
      expect(asset.status).toBe(200)
      expect(asset.filePath).toBe(join(root, 'index.html'))
      expect(asset.headers['Content-Type']).toBe('text/html; charset=utf-8')
      expect(asset.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(asset.headers['X-Content-Type-Options']).toBe('nosniff')
    }
    expect(resolveRendererAsset(root, `${ORIGIN}/assets/app.js`).headers['Content-Type']).toBe('text/javascript; charset=utf-8')
  })

  it('follows symlinks that stay inside the folder', () => {
    expect(resolveRendererAsset(root, `${ORIGIN}/assets/alias.js`).status).toBe(200)
  })

  it.each([
    ['encoded traversal', `${ORIGIN}/%2e%2e/secret.txt`],
    ['encoded slash traversal', `${ORIGIN}/assets%2f..%2f..%2fsecret.txt`],
    ['double-encoded is a literal name, not a path', `${ORIGIN}/%252e%252e/secret.txt`],
    ['backslash traversal', `${ORIGIN}/assets/..%5c..%5csecret.txt`],
    ['NUL byte', `${ORIGIN}/index.html%00.js`],
    ['malformed escape', `${ORIGIN}/%E0%A4%A`],
    ['drive letter', `${ORIGIN}/C:/Windows/win.ini`],
    ['symlink escape', `${ORIGIN}/assets/escape.js`],
    ['missing file', `${ORIGIN}/nope.js`],
    ['directory', `${ORIGIN}/assets`],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_label, url) => {
    const asset = resolveRendererAsset(root, url)
    expect(asset.status).not.toBe(200)
    expect(asset.filePath).toBeNull()
    expect(asset.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it('plain dot segments are normalized by the URL parser and still confined', () => {
    const asset = resolveRendererAsset(root, `${ORIGIN}/../../secret.txt`)
    expect(asset.filePath === null || asset.filePath.startsWith(root)).toBe(true)
  })

  it('refuses methods other than GET and HEAD', () => {
    expect(resolveRendererAsset(root, `${ORIGIN}/index.html`, 'POST').status).toBe(405)
  })

  it('the CSP allows no eval and no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
  })
})

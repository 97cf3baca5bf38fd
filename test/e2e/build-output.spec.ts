/**
 * What `npm run build` ships, checked after the build: the sandboxed preload is CommonJS
 * and requires nothing but 'electron'; the renderer's HTML carries the same CSP as the
 * protocol's header. Runs once (bridge project); it needs no browser.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/rendererProtocol'
import { REPO_ROOT, RENDERER_ROOT } from '../bridge/paths'
import { expect, test } from './fixtures'

test.beforeEach(({ appRuntime }) => {
  test.skip(appRuntime !== 'chromium-bridge', 'build output is checked once, in the bridge project')
})

function directives(policy: string): string[] {
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
}

/** frame-ancestors only works as a header: in a <meta> browsers ignore it and log an error. */
const isFrameAncestors = (directive: string) => directive.startsWith('frame-ancestors')

test('the preload bundle is CommonJS and requires only electron', () => {
  const preload = readFileSync(join(REPO_ROOT, 'out', 'preload', 'index.cjs'), 'utf8')
  const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1])
  expect(new Set(required)).toEqual(new Set(['electron']))
  expect(preload).not.toMatch(/^\s*(import|export)\s/m)
  expect(preload).toContain('exposeInMainWorld')
  expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/)
})

test('the preload bundles the zod-free channel list, not zod and the schemas', () => {
  const preload = readFileSync(join(REPO_ROOT, 'out', 'preload', 'index.cjs'), 'utf8')
  expect(preload).toMatch(/["']audit\.verify["']/)
  expect(preload).not.toMatch(/\bzod\b|ZodError|strictObject|safeParse/)
  // ~183 KB with zod; the channel list and the envelope client are a few KB.
  expect(Buffer.byteLength(preload)).toBeLessThan(8 * 1024)
})

test('the renderer HTML carries the same CSP as the protocol header', () => {
  const html = readFileSync(join(RENDERER_ROOT, 'index.html'), 'utf8')
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1]
  expect(meta, 'renderer/index.html needs a CSP <meta>').toBeDefined()
  expect(directives(meta!).filter(isFrameAncestors), 'frame-ancestors belongs in the header only').toEqual([])
  expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((directive) => !isFrameAncestors(directive)))
  expect(directives(CONTENT_SECURITY_POLICY)).toContain("frame-ancestors 'none'")
})

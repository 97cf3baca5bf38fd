/**
 * The `app://cluster-credentials/` scheme that serves the built renderer. Registered as
 * privileged (standard + secure, so the page is a secure context with a real origin and
 * fetch works), handled with `protocol.handle`; the path rules and headers live in
 * rendererProtocol.ts, shared with the Chromium test bridge. Never `file://`.
 */
import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from './appOrigin'
import { resolveRendererAsset, SECURITY_HEADERS } from './rendererProtocol'

/** Must run before the app's 'ready' event. */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (new URL(request.url).host !== APP_HOST) {
      return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS } })
    }
    const asset = resolveRendererAsset(rendererRoot, request.url, request.method)
    if (!asset.filePath) return new Response(String(asset.status), { status: asset.status, headers: asset.headers })
    const body = request.method === 'HEAD' ? null : await readFile(asset.filePath)
    return new Response(body, { status: 200, headers: asset.headers })
  })
}

/**
 * Maps a renderer request URL to a file inside the built renderer folder, with the
 * security headers every response carries. Electron-free on purpose: `protocol.handle`
 * in main and the Chromium test bridge's `page.route` both call it, so the e2e suite
 * exercises the very rules the desktop app ships with.
 *
 * Confinement: the decoded path must stay inside `rendererRoot` lexically AND after
 * resolving symlinks; anything else (traversal, encoded traversal, backslashes, NUL,
 * absolute or drive paths, directories, symlink escapes) is refused.
 */
import { realpathSync, statSync } from 'node:fs'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'

/**
 * The one Content-Security-Policy of the renderer: same-origin only, no eval, no remote
 * origins. renderer/index.html carries the same policy as a `<meta>` (minus
 * frame-ancestors, which browsers ignore in meta).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
})

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

export interface RendererAsset {
  status: 200 | 400 | 404 | 405
  headers: Record<string, string>
  /** Absolute, symlink-resolved path of the file to send; null for every error status. */
  filePath: string | null
}

function refuse(status: 400 | 404 | 405): RendererAsset {
  return { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, filePath: null }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** Decodes the URL path into safe relative segments, or null when it is not acceptable. */
function safeSegments(pathname: string): string[] | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((segment) => segment !== '')
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || /^[a-zA-Z]:/.test(segment)) return null
  }
  return segments.length === 0 ? ['index.html'] : segments
}

export function resolveRendererAsset(rendererRoot: string, requestUrl: string, method = 'GET'): RendererAsset {
  if (method !== 'GET' && method !== 'HEAD') return refuse(405)
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return refuse(400)
  }
  const segments = safeSegments(url.pathname)
  if (!segments) return refuse(400)

  let realRoot: string
  try {
    realRoot = realpathSync(resolve(rendererRoot))
  } catch {
    return refuse(404)
  }
  const candidate = join(realRoot, ...segments)
  if (!isInside(realRoot, candidate)) return refuse(400)

  let realFile: string
  try {
    realFile = realpathSync(candidate)
    if (!statSync(realFile).isFile()) return refuse(404)
  } catch {
    return refuse(404)
  }
  // A symlink inside the folder must not lead out of it.
  if (!isInside(realRoot, realFile)) return refuse(404)

  const contentType = CONTENT_TYPES[extname(realFile).toLowerCase()] ?? 'application/octet-stream'
  return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType }, filePath: realFile }
}

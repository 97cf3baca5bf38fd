/**
 * Files the renderer saves — the vault backup, handoff files and QR images, the audit CSV —
 * leave as `blob:` downloads minted by the app's own page (`<a download href="blob:…">`).
 * Main lets exactly those through, sets no save path so Electron shows the OS save dialog
 * (the person chooses where, and can cancel), and makes the saved file owner-only (0600).
 * Any other download — another origin, `data:`, `file:`, `http(s):`, or one started by a page
 * that is not the app — is cancelled. A compromised renderer can therefore offer files, but
 * never write one without the person choosing it in the dialog.
 *
 * hardening.ts does not stand in the way: its network filter only sees http(s) and ws(s)
 * URLs, and an anchor with `download` starts a download rather than a navigation.
 *
 * Electron-free apart from the shapes below, so the decision and the handler are unit-tested
 * without the Electron binary (downloads.test.ts); index.ts registers it on the session.
 */
import { chmod } from 'node:fs/promises'
import type { Logger } from '../core/log'
import { hasAppOrigin } from './ipc/dispatch'

/** The parts of Electron's DownloadItem this uses. */
export interface DownloadItemLike {
  getURL(): string
  getSavePath(): string
  once(event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown
}

/** The parts of Electron's Session this uses. */
export interface DownloadSessionLike {
  on(
    event: 'will-download',
    listener: (event: { preventDefault(): void }, item: DownloadItemLike, contents: { getURL(): string } | null) => void,
  ): unknown
}

/** `blob:` URLs whose origin is the app's: what the renderer's own `URL.createObjectURL` returns. */
export function isAppBlobUrl(url: string, appOrigin: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // A blob URL's path is the URL of the document that made it, e.g. app://cluster-credentials/<uuid>.
  return parsed.protocol === 'blob:' && hasAppOrigin(parsed.pathname, appOrigin)
}

/** Save (with the OS dialog) only the app page's own blob downloads; refuse everything else. */
export function decideDownload(download: { url: string; pageUrl: string | null }, appOrigin: string): 'save' | 'refuse' {
  const fromApp = download.pageUrl !== null && hasAppOrigin(download.pageUrl, appOrigin)
  return fromApp && isAppBlobUrl(download.url, appOrigin) ? 'save' : 'refuse'
}

/** Owner-only, like every file the app writes (Windows has no such mode; ACLs of the chosen folder apply). */
export async function restrictSavedFile(path: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform !== 'win32') await chmod(path, 0o600)
}

export function handleDownloads(
  session: DownloadSessionLike,
  appOrigin: string,
  logger: Logger,
  restrict: (path: string) => Promise<void> = restrictSavedFile,
): void {
  session.on('will-download', (event, item, contents) => {
    const url = item.getURL()
    if (decideDownload({ url, pageUrl: contents?.getURL() ?? null }, appOrigin) === 'refuse') {
      event.preventDefault()
      logger.warn('download.refused', { scheme: schemeOf(url) })
      return
    }
    // No setSavePath: Electron asks where to save with the OS dialog.
    item.once('done', (_event, state) => {
      if (state !== 'completed') return
      restrict(item.getSavePath()).catch((error: unknown) =>
        logger.warn('download.restrict_failed', { error: error instanceof Error ? error.name : typeof error }),
      )
    })
  })
}

function schemeOf(url: string): string {
  try {
    return new URL(url).protocol
  } catch {
    return 'invalid'
  }
}

/**
 * Rules for every web contents and the session, applied before any page loads:
 * no navigation away from the app origin, no new windows, no webviews, no permissions
 * but the camera while the QR scanner is open (cameraPermission.ts), and no network
 * request to anything but the app origin (the CSP says the same; this holds even if a
 * page's CSP were lost).
 */
import { app, type Session, type WebContents } from 'electron'
import { allowsScannerCamera } from './cameraPermission'
// The same scheme + host comparison as the IPC sender check (Node reports custom-scheme origins as "null").
import { hasAppOrigin } from './ipc/dispatch'

export function hardenWebContents(contents: WebContents, appOrigin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => {
    if (!hasAppOrigin(event.url, appOrigin)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!hasAppOrigin(event.url, appOrigin)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!hasAppOrigin(event.url, appOrigin)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** In `electron-vite dev` only: Vite's hot-reload socket on the dev server's host. */
function isDevServerSocket(url: string, appOrigin: string): boolean {
  try {
    const candidate = new URL(url)
    return (candidate.protocol === 'ws:' || candidate.protocol === 'wss:') && candidate.host === new URL(appOrigin).host
  } catch {
    return false
  }
}

export function hardenSession(session: Session, appOrigin: string, options: { devServer: boolean; scannerOpen: () => boolean }): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    const question = { permission, mediaTypes, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }
    callback(allowsScannerCamera(question, appOrigin, options.scannerOpen()))
  })
  session.setPermissionCheckHandler((_contents, permission, _requestingOrigin, details) => {
    const mediaTypes = details.mediaType ? [details.mediaType] : []
    const question = { permission, mediaTypes, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }
    return allowsScannerCamera(question, appOrigin, options.scannerOpen())
  })
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const allowed = hasAppOrigin(details.url, appOrigin) || (options.devServer && isDevServerSocket(details.url, appOrigin))
    callback({ cancel: !allowed })
  })
}

/** Applies {@link hardenWebContents} to every web contents ever created, not only the main window. */
export function hardenAllWebContents(appOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin))
}

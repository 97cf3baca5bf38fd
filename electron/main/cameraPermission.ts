/**
 * The one permission the app ever grants: the camera, for the QR scanner of the handoff
 * import dialogs. Electron-free so it is tested without the Electron binary; hardening.ts
 * feeds it Electron's permission requests and checks. Everything else stays denied.
 *
 * Granted only when all hold: the permission is `media` and asks for video alone (no
 * microphone, no screen capture, which is `display-capture`); it comes from the app's own
 * origin and from the main frame; and the scanner is open (core's QrScannerGate: opened by
 * the renderer right before it asks, closed when it stops, on lock, sign-out and quit, and
 * after two minutes).
 */
import { hasAppOrigin } from './ipc/dispatch'

export interface MediaPermissionQuestion {
  /** Electron's permission name ('media', 'display-capture', 'geolocation', …). */
  permission: string
  /** For `media`: what is asked for. A request lists them; a check names one ('video', 'audio' or 'unknown'). */
  mediaTypes: readonly string[]
  /** The URL of the frame asking; may be missing for checks not made by a document. */
  requestingUrl: string | undefined
  isMainFrame: boolean
}

export function allowsScannerCamera(question: MediaPermissionQuestion, appOrigin: string, scannerOpen: boolean): boolean {
  return (
    question.permission === 'media' &&
    question.mediaTypes.length > 0 &&
    question.mediaTypes.every((type) => type === 'video') &&
    question.isMainFrame &&
    question.requestingUrl !== undefined &&
    hasAppOrigin(question.requestingUrl, appOrigin) &&
    scannerOpen
  )
}

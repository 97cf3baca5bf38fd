/**
 * Reading a QR code with the camera (the import dialogs' scanner). Like QR images, frames
 * are decoded here in the sandboxed renderer with jsQR, so main never touches image data;
 * what comes out is text that main validates like pasted text. Main grants the camera
 * only while the scanner is open (handoff.scannerOpen / handoff.scannerClose), video
 * only, and the scanner stops every track as soon as it is done.
 */
import { decodeQrPixels } from './qrImage'

/** Frames are scaled down to this before decoding: enough for a screen-sized code, cheap enough for several reads a second. */
const MAX_FRAME_SIDE = 960
/** HTMLMediaElement.HAVE_CURRENT_DATA: a frame can be drawn. */
const HAVE_CURRENT_DATA = 2

/** Whether this computer has a camera at all (asking needs no permission; labels stay hidden). */
export async function hasCamera(): Promise<boolean> {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
  if (!devices?.enumerateDevices) return false
  try {
    return (await devices.enumerateDevices()).some((device) => device.kind === 'videoinput')
  } catch {
    return false
  }
}

/** Video only, the rear camera where there is a choice (a laptop has one camera anyway). */
export function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: 'environment' } })
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop()
}

/** What to tell the person when the camera does not start. */
export function describeCameraError(error: unknown): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String(error.name) : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The camera was not allowed. Read a QR image or paste the text instead.'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera found on this computer. Read a QR image or paste the text instead.'
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started; another app may be using it.'
    default:
      return 'The camera could not be started. Read a QR image or paste the text instead.'
  }
}

/** The text of a QR code in the video's current frame, or null (no code, or no frame yet). */
export async function readQrFromVideo(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<string | null> {
  if (video.readyState < HAVE_CURRENT_DATA || !video.videoWidth || !video.videoHeight) return null
  const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(video.videoWidth, video.videoHeight))
  const width = Math.max(1, Math.round(video.videoWidth * scale))
  const height = Math.max(1, Math.round(video.videoHeight * scale))
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null
  context.drawImage(video, 0, 0, width, height)
  return decodeQrPixels(context.getImageData(0, 0, width, height).data, width, height)
}

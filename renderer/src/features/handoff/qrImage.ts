/**
 * Reads the text of a QR code from an image file (a screenshot or a photo of the other
 * screen). Decoded here, in the renderer, on purpose: the browser already decodes every
 * common image format safely inside its sandbox, so main — the privileged process —
 * never parses untrusted image bytes. What comes out is only text, and main validates it
 * exactly like pasted text (a card or an age file), so nothing is trusted because it was
 * in a QR code.
 */

/** Larger images are scaled down first: QR codes stay readable, and decoding stays fast. */
const MAX_SIDE = 1600

export async function readQrText(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file)
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return null
    context.drawImage(bitmap, 0, 0, width, height)
    const pixels = context.getImageData(0, 0, width, height)
    return await decodeQrPixels(pixels.data, width, height)
  } finally {
    bitmap.close()
  }
}

/**
 * The pixel-level step, separate so it can be tested without a canvas. jsQR is loaded on
 * first use: most sessions never read a QR code, and every start (and every lock, which
 * reloads the window) would otherwise parse it.
 */
export async function decodeQrPixels(rgba: Uint8ClampedArray, width: number, height: number): Promise<string | null> {
  const { default: jsQR } = await import('jsqr')
  const found = jsQR(rgba, width, height, { inversionAttempts: 'attemptBoth' })
  if (!found) return null
  // jsQR reports byte-mode content as Latin-1 characters in `data`; `binaryData` has the bytes.
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(found.binaryData))
}

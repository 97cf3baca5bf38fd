/**
 * QR codes for handoff files and contact cards, rendered in main with `qrcode` as a PNG
 * data URL (the renderer's CSP allows `img-src data:`). Byte mode, low error correction:
 * the most a single code holds (2,953 bytes at version 40). Anything larger is refused
 * with its size rather than split, because a camera-to-screen air gap needs one code.
 */
import { AppError } from '@shared/errors'
import { LIMITS } from '@shared/domain'
import { loadQrCode } from '../lazyLibraries'

export interface RenderedQr {
  dataUrl: string
  bytes: number
}

export async function renderQr(text: string): Promise<RenderedQr> {
  const bytes = new TextEncoder().encode(text).length
  if (bytes > LIMITS.qrMaxBytes) {
    throw new AppError(
      'QR_TOO_LARGE',
      `This is ${bytes.toLocaleString('en-US')} bytes; one QR code holds at most ${LIMITS.qrMaxBytes.toLocaleString('en-US')}. Save it as a file instead.`,
    )
  }
  const QRCode = await loadQrCode()
  const dataUrl = await QRCode.toDataURL([{ data: new TextEncoder().encode(text), mode: 'byte' }], {
    errorCorrectionLevel: 'L',
    margin: 4,
    scale: 4,
  })
  return { dataUrl, bytes }
}

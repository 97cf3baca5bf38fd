/**
 * Libraries only a few requests need, loaded on first use: age-encryption (handoff files,
 * vault backups, a new handoff identity) and qrcode (QR images). Loading them costs about
 * 150 ms of CPU (the age package brings post-quantum and curve code), which the app's
 * start-up and every command-line command that neither hands off nor backs up need not pay.
 */
import type * as Age from 'age-encryption'
import type QRCode from 'qrcode'

export function loadAge(): Promise<typeof Age> {
  return import('age-encryption')
}

export async function loadQrCode(): Promise<typeof QRCode> {
  return (await import('qrcode')).default
}

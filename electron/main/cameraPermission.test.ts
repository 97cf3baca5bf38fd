import { describe, expect, it } from 'vitest'
import { allowsScannerCamera, type MediaPermissionQuestion } from './cameraPermission'

const APP_ORIGIN = 'app://cluster-credentials'
const cameraFromApp: MediaPermissionQuestion = {
  permission: 'media',
  mediaTypes: ['video'],
  requestingUrl: `${APP_ORIGIN}/index.html#/handoff`,
  isMainFrame: true,
}

describe('camera permission for the QR scanner', () => {
  it("grants video to the app's own main frame while the scanner is open", () => {
    expect(allowsScannerCamera(cameraFromApp, APP_ORIGIN, true)).toBe(true)
  })

  it('denies it whenever the scanner is not open (never opened, stopped, locked, signed out, timed out)', () => {
    expect(allowsScannerCamera(cameraFromApp, APP_ORIGIN, false)).toBe(false)
  })

  it.each<[string, Partial<MediaPermissionQuestion>]>([
    ['the microphone', { mediaTypes: ['audio'] }],
    ['camera and microphone together', { mediaTypes: ['video', 'audio'] }],
    ['an unspecified media type', { mediaTypes: ['unknown'] }],
    ['nothing named at all', { mediaTypes: [] }],
    ['screen capture', { permission: 'display-capture' }],
    ['another permission', { permission: 'geolocation' }],
    ['a subframe of the app', { isMainFrame: false }],
    ['another origin', { requestingUrl: 'https://evil.example/' }],
    ['a look-alike host', { requestingUrl: 'app://cluster-credentials.evil/index.html' }],
    ['credentials in the URL', { requestingUrl: 'app://user:pw@cluster-credentials/index.html' }],
    ['no requesting URL', { requestingUrl: undefined }],
  ])('denies %s even while the scanner is open', (_case, change) => {
    expect(allowsScannerCamera({ ...cameraFromApp, ...change }, APP_ORIGIN, true)).toBe(false)
  })
})

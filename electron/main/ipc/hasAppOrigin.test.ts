import { describe, expect, it } from 'vitest'
import { hasAppOrigin, isTrustedSender } from './dispatch'

const APP = 'app://cluster-credentials'

describe('hasAppOrigin', () => {
  it('accepts the custom scheme even though Node reports its URL origin as "null"', () => {
    expect(new URL(`${APP}/index.html`).origin).toBe('null')
    expect(hasAppOrigin(`${APP}/index.html#/sign-in`, APP)).toBe(true)
  })

  it.each([
    'app://evil/index.html',
    'app://cluster-credentials.evil/index.html',
    'https://cluster-credentials/index.html',
    'file:///index.html',
    'app://user:pw@cluster-credentials/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(hasAppOrigin(url, APP)).toBe(false)
  })

  it('works for the http origin the Chromium bridge uses', () => {
    expect(hasAppOrigin('http://cluster-credentials.localhost/index.html', 'http://cluster-credentials.localhost')).toBe(true)
    expect(hasAppOrigin('http://cluster-credentials.localhost:8080/', 'http://cluster-credentials.localhost')).toBe(false)
  })

  it('trusts only the main frame', () => {
    expect(isTrustedSender({ url: `${APP}/index.html`, isMainFrame: false }, APP)).toBe(false)
    expect(isTrustedSender({ url: `${APP}/index.html`, isMainFrame: true }, APP)).toBe(true)
  })
})

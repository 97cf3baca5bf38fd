import { describe, expect, it } from 'vitest'
import { normalizeFingerprint } from './fingerprint'

describe('normalizeFingerprint', () => {
  const spaced = Array.from({ length: 12 }, (_, group) => String(group * 1111).padStart(5, '0')).join(' ')

  it('reads 60 digits typed with any spacing or dashes back into 12 groups of 5', () => {
    expect(normalizeFingerprint(spaced)).toBe(spaced)
    expect(normalizeFingerprint(spaced.replace(/ /g, ''))).toBe(spaced)
    expect(normalizeFingerprint(` ${spaced.replace(/ /g, '-')}\n`)).toBe(spaced)
  })

  it('refuses anything else', () => {
    expect(normalizeFingerprint(spaced.slice(0, -1))).toBeNull()
    expect(normalizeFingerprint(`${spaced}1`)).toBeNull()
    expect(normalizeFingerprint(spaced.replace('0', 'O'))).toBeNull()
    expect(normalizeFingerprint('')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { decideKdf } from './testSwitches'

describe('decideKdf', () => {
  it('keeps production costs unless the switch is given', () => {
    expect(decideKdf(['electron', '.'], false)).toBe('production')
  })
  it('honours --test-fast-kdf only in an unpackaged run', () => {
    expect(decideKdf(['electron', '.', '--test-fast-kdf'], false)).toBe('fast-test')
    expect(decideKdf(['app', '--test-fast-kdf'], true)).toBe('refused-packaged')
  })
})

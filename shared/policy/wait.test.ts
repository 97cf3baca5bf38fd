import { describe, expect, it } from 'vitest'
import { formatWait } from './wait'

describe('formatWait', () => {
  it('rounds up to whole seconds and reads naturally', () => {
    expect(formatWait(1)).toBe('1 second')
    expect(formatWait(1_001)).toBe('2 seconds')
    expect(formatWait(59_000)).toBe('59 seconds')
    expect(formatWait(60_000)).toBe('1 minute')
    expect(formatWait(61_000)).toBe('1 minute 1 second')
    expect(formatWait(125_000)).toBe('2 minutes 5 seconds')
  })
})

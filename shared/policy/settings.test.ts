import { describe, expect, it } from 'vitest'
import { checkSetting, SETTING_BOUNDS } from './settings'

describe('checkSetting', () => {
  it('accepts whole numbers within the bounds, typed or filled in as text', () => {
    expect(checkSetting('autoLockMinutes', SETTING_BOUNDS.autoLockMinutes.min)).toBeNull()
    expect(checkSetting('autoLockMinutes', ` ${SETTING_BOUNDS.autoLockMinutes.max} `)).toBeNull()
    expect(checkSetting('clipboardClearSeconds', '20')).toBeNull()
  })

  it.each([
    ['', 'empty'],
    ['4', 'below'],
    ['301', 'above'],
    ['7.5', 'fractional'],
    ['1e1x', 'not a number'],
  ])('refuses %j (%s) and names the unit and the range', (input) => {
    expect(checkSetting('clipboardClearSeconds', input)).toBe('Enter a whole number of seconds from 5 to 300.')
  })
})

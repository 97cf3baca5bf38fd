import { describe, expect, it } from 'vitest'
import { checkClusterPassword, passwordCharacterClasses } from '@shared/policy/clusterUser'
import { generatePassword, uniformIndex } from './passwordGenerator'

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

describe('generatePassword', () => {
  it('defaults to 20 characters that meet the policy with all four classes and no look-alikes', () => {
    for (let round = 0; round < 500; round++) {
      const password = decode(generatePassword())
      expect(password).toHaveLength(20)
      expect(checkClusterPassword(password)).toBeNull()
      expect(passwordCharacterClasses(password).size).toBe(4)
      expect(password).not.toMatch(/[0O1lIo|`'"]/)
    }
  })

  it('honours length limits and can include look-alikes when asked', () => {
    expect(generatePassword({ length: 8 })).toHaveLength(8)
    expect(generatePassword({ length: 64 })).toHaveLength(64)
    expect(() => generatePassword({ length: 7 })).toThrow(RangeError)
    const sample = Array.from({ length: 200 }, () => decode(generatePassword({ length: 64, avoidLookAlikes: false }))).join('')
    expect(sample).toMatch(/[0O1lI]/)
    for (let round = 0; round < 50; round++)
      expect(checkClusterPassword(decode(generatePassword({ length: 8, avoidLookAlikes: false })))).toBeNull()
  })

  it('draws indices without modulo bias', () => {
    const counts = new Array<number>(3).fill(0)
    for (let round = 0; round < 30_000; round++) counts[uniformIndex(3)]!++
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(600)
  })
})

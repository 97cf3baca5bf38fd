import { describe, expect, it } from 'vitest'
import { parseVaultQuery, vaultSearchText, vaultSortKey } from './vault'

/** Sorts as SQLite's BINARY collation does: by code point. */
function sortedByKey(texts: string[]): string[] {
  const codePoints = (text: string) => [...vaultSortKey(text)].map((char) => char.codePointAt(0)!)
  return [...texts].sort((a, b) => {
    const [x, y] = [codePoints(a), codePoints(b)]
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
    return x.length - y.length
  })
}

describe('vault sort keys', () => {
  it('order numbers by value, whatever their length or leading zeros', () => {
    expect(sortedByKey(['v10', 'v9', 'v100', 'v0', 'v09', 'v1.10', 'v1.9'])).toEqual(['v0', 'v1.9', 'v1.10', 'v9', 'v09', 'v10', 'v100'])
    expect(vaultSortKey('v09')).toBe(vaultSortKey('v9'))
    expect(vaultSortKey('entry 0')).toBe('entry 0010')
  })

  it('ignore case and accents', () => {
    expect(vaultSortKey('Ábaco')).toBe(vaultSortKey('abaco'))
    expect(sortedByKey(['b', 'Á', 'a', 'Z'])).toEqual(['Á', 'a', 'b', 'Z'])
    // Full-width digits fold to ASCII digits and count as numbers too.
    expect(vaultSortKey('ｖ１２')).toBe(vaultSortKey('v12'))
  })

  it('keep a very long digit run ordered by its length', () => {
    expect(sortedByKey(['9'.repeat(150), '1'.repeat(151)])).toEqual(['9'.repeat(150), '1'.repeat(151)])
  })
})

describe('vault search', () => {
  it('splits a query into folded, distinct terms', () => {
    expect(parseVaultQuery('  Orders  PROD orders\tÉté ')).toEqual(['orders', 'prod', 'ete'])
    expect(parseVaultQuery('   ')).toEqual([])
  })

  it('searches each field on its own line', () => {
    const text = vaultSearchText({ title: 'Zulu', username: 'svc', clusterName: null, endpoint: 'https://z.example', tags: ['Prod', 'EU'] })
    expect(text).toBe('zulu\nsvc\n\nhttps://z.example\nprod\neu')
  })
})

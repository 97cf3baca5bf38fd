import { describe, expect, it } from 'vitest'
import { resolveDataDir } from './dataDir'

const base = { defaultDir: '/home/ada/.config/cluster-credentials', cwd: '/work' }

describe('resolveDataDir', () => {
  it('uses the platform folder by default', () => {
    expect(resolveDataDir({ ...base, argv: ['electron', '.'], env: {} })).toEqual({ dataDir: base.defaultDir, source: 'default' })
  })

  it('honours CC_DATA_DIR', () => {
    expect(resolveDataDir({ ...base, argv: [], env: { CC_DATA_DIR: '/tmp/ws' } })).toEqual({ dataDir: '/tmp/ws', source: 'env' })
  })

  it('prefers the --data-dir switch and makes relative paths absolute', () => {
    expect(resolveDataDir({ ...base, argv: ['electron', '.', '--data-dir=ws'], env: { CC_DATA_DIR: '/tmp/ws' } })).toEqual({
      dataDir: '/work/ws',
      source: 'switch',
    })
  })

  it('ignores an empty switch and anything after --', () => {
    expect(resolveDataDir({ ...base, argv: ['--data-dir=', '--', '--data-dir=/x'], env: {} }).source).toBe('default')
  })
})

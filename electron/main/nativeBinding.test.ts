import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronNativeDirName } from '../../scripts/prepare-electron-native.mjs'
import { electronNativeDir } from './nativeBinding'

describe('Electron native binding location', () => {
  it('main looks where scripts/prepare-electron-native.mjs puts the addon', () => {
    expect(electronNativeDir('/repo', '45.5.0', '150')).toBe(join('/repo', '.native', electronNativeDirName('45.5.0', '150')))
  })
})

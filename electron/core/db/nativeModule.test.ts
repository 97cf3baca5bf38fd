import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultNativeBinding, isNativeModuleLoadFailure } from './nativeModule'

function errorWith(code: string | undefined, message: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}

describe('isNativeModuleLoadFailure', () => {
  it('recognises a build for another ABI or a file that is not an addon by its code', () => {
    expect(isNativeModuleLoadFailure(errorWith('ERR_DLOPEN_FAILED', 'any words at all'))).toBe(true)
  })

  it('recognises a missing addon file by its code', () => {
    expect(isNativeModuleLoadFailure(errorWith('MODULE_NOT_FOUND', "Cannot find module '/x/addon.node'"))).toBe(true)
  })

  it('ignores message text: words without a code are not a native-module failure', () => {
    const words = 'was compiled against a different Node.js version using NODE_MODULE_VERSION 139 (better_sqlite3.node)'
    expect(isNativeModuleLoadFailure(errorWith(undefined, words))).toBe(false)
  })

  it('does not mistake storage or SQLite errors for it', () => {
    expect(isNativeModuleLoadFailure(errorWith('SQLITE_CANTOPEN', 'unable to open database file'))).toBe(false)
    expect(isNativeModuleLoadFailure(errorWith('SQLITE_NOTADB', 'file is not a database'))).toBe(false)
    expect(isNativeModuleLoadFailure(new TypeError('Cannot open database because the directory does not exist'))).toBe(false)
    expect(isNativeModuleLoadFailure('a string')).toBe(false)
    expect(isNativeModuleLoadFailure(null)).toBe(false)
  })
})

describe('defaultNativeBinding', () => {
  it("is the addon npm built for this Node, so better-sqlite3 never falls back to the code-less 'bindings' lookup", () => {
    const path = defaultNativeBinding()
    expect(path).toMatch(/better_sqlite3\.node$/)
    expect(existsSync(path)).toBe(true)
  })
})

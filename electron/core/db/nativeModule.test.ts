import { describe, expect, it } from 'vitest'
import { isNativeModuleLoadFailure } from './nativeModule'

function errorWith(code: string | undefined, message: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}

describe('isNativeModuleLoadFailure', () => {
  it('recognises a build for another ABI', () => {
    const error = errorWith(
      'ERR_DLOPEN_FAILED',
      "The module '/x/better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 139. " +
        'This version of Node.js requires NODE_MODULE_VERSION 115.',
    )
    expect(isNativeModuleLoadFailure(error, false)).toBe(true)
  })

  it('recognises a missing default build (bindings package)', () => {
    expect(isNativeModuleLoadFailure(errorWith(undefined, 'Could not locate the bindings file. Tried: ...'), false)).toBe(true)
  })

  it('recognises a missing nativeBinding file only when one was given', () => {
    const error = errorWith('MODULE_NOT_FOUND', "Cannot find module '/x/addon.node'")
    expect(isNativeModuleLoadFailure(error, true)).toBe(true)
    expect(isNativeModuleLoadFailure(error, false)).toBe(false)
  })

  it('does not mistake storage or SQLite errors for it', () => {
    expect(isNativeModuleLoadFailure(errorWith('SQLITE_CANTOPEN', 'unable to open database file'), true)).toBe(false)
    expect(isNativeModuleLoadFailure(errorWith('SQLITE_NOTADB', 'file is not a database'), true)).toBe(false)
    expect(isNativeModuleLoadFailure(new TypeError('Cannot open database because the directory does not exist'), true)).toBe(false)
    expect(isNativeModuleLoadFailure('a string', true)).toBe(false)
    expect(isNativeModuleLoadFailure(null, true)).toBe(false)
  })
})

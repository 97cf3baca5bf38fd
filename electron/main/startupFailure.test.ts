import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import { nativeModuleUnavailable } from '../core/db/nativeModule'
import { describeStartupFailure } from './startupFailure'

const context = { dataDir: '/data/cc', logFile: '/data/cc/cluster-credentials.log' }

describe('describeStartupFailure', () => {
  it('explains a workspace from a newer version and says nothing changed', () => {
    const failure = describeStartupFailure(new AppError('SCHEMA_TOO_NEW', 'The workspace was saved by a newer version.'), context)
    expect(failure.reason).toBe('SCHEMA_TOO_NEW')
    expect(failure.title).toMatch(/newer version/)
    expect(failure.message).toMatch(/Nothing was changed\./)
  })

  it('explains an unusable data folder and how to pick another', () => {
    const failure = describeStartupFailure(new AppError('STORAGE_UNAVAILABLE', 'Cannot write "/data/cc".'), context)
    expect(failure.reason).toBe('STORAGE_UNAVAILABLE')
    expect(failure.message).toMatch(/--data-dir/)
    expect(failure.message).toMatch(/Nothing was changed\./)
    expect(failure.message).toContain(context.logFile)
  })

  it('does not repeat "Nothing was changed." when core already said it', () => {
    const failure = describeStartupFailure(new AppError('SCHEMA_TOO_NEW', 'Newer schema. Nothing was changed.'), context)
    expect(failure.message.match(/Nothing was changed/g)).toHaveLength(1)
  })

  it('recognises the native-module failure by its code, not by words in a message', () => {
    const error = new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.')
    expect(describeStartupFailure(error, context).reason).toBe('UNEXPECTED')
  })

  it("recognises core's unloadable-native-module error, so it is never shown as an unexpected failure", () => {
    const failure = describeStartupFailure(nativeModuleUnavailable(), context)
    expect(failure.reason).toBe('NATIVE_MODULE')
    expect(failure.message).toMatch(/npm start/)
    expect(failure.message).toContain(context.logFile)
  })

  it('never shows the raw message or stack of an unexpected error', () => {
    const error = new Error('secret-ish internal detail')
    const failure = describeStartupFailure(error, context)
    expect(failure.reason).toBe('UNEXPECTED')
    expect(failure.message).not.toContain('secret-ish')
    expect(failure.message).not.toMatch(/\n\s+at /)
  })
})

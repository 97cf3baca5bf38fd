import { describe, expect, it } from 'vitest'
import { ApiError } from '@shared/ipc/client'
import { describeError } from './errorMessage'

describe('describeError', () => {
  it('explains FORBIDDEN by what the person was doing', () => {
    expect(describeError(new ApiError({ code: 'FORBIDDEN', message: 'Forbidden' }), 'clusterUsers')).toBe(
      'Your role in this project does not allow changing cluster users.',
    )
  })

  it('uses main’s precise text for policy and duplicate errors', () => {
    const error = new ApiError({ code: 'INVALID_INPUT', message: 'the first character must be a letter', field: 'username' })
    expect(describeError(error, 'clusterUsers')).toBe('the first character must be a letter')
  })

  it('gives fixed explanations for show-once and protection codes', () => {
    expect(describeError(new ApiError({ code: 'REVEAL_CONSUMED', message: 'x' }), 'reveal')).toMatch(/already been shown once/)
    expect(describeError(new ApiError({ code: 'PROTECTED_USER', message: 'x' }), 'clusterUsers')).toMatch(/db_admin/)
  })

  it('never shows a raw exception to a person', () => {
    expect(describeError(new TypeError('x is undefined'), 'audit')).toBe('Something went wrong. Nothing was changed; try again.')
  })
})

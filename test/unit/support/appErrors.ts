import { expect } from 'vitest'

/** Matches an AppError (or its payload) by its stable code: `toThrow(withCode('NOT_FOUND'))`. */
export function withCode(code: string) {
  return expect.objectContaining({ code })
}

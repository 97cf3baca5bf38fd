import { fakeApi } from './components/__tests__/fakePreloadApi'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { api, isApiError, onUnauthenticated } from './api'

describe('api', () => {
  beforeEach(() => fakeApi.reset())

  it('returns values and throws typed errors from the envelopes of window.api', async () => {
    fakeApi.reply('accounts.listForSignIn', [])
    await expect(api['accounts.listForSignIn']({})).resolves.toEqual([])
    fakeApi.fail('session.signIn', { code: 'THROTTLED', message: 'Wait.', retryAfterMs: 4000 })
    const error = await api['session.signIn']({ accountId: 'a1', passphrase: 'x' }).catch((e: unknown) => e)
    expect(isApiError(error) && { code: error.code, retryAfterMs: error.retryAfterMs }).toEqual({
      code: 'THROTTLED',
      retryAfterMs: 4000,
    })
  })

  it('tells listeners when main says the session is gone, and only then', async () => {
    const listener = vi.fn()
    const unsubscribe = onUnauthenticated(listener)
    fakeApi.fail('projects.list', { code: 'FORBIDDEN', message: 'No.' })
    await api['projects.list']({}).catch(() => undefined)
    expect(listener).not.toHaveBeenCalled()
    fakeApi.fail('projects.list', { code: 'UNAUTHENTICATED', message: 'Sign in first.' })
    await api['projects.list']({}).catch(() => undefined)
    expect(listener).toHaveBeenCalledTimes(1)
    unsubscribe()
    await api['projects.list']({}).catch(() => undefined)
    expect(listener).toHaveBeenCalledTimes(1)
  })
})

import { describe, expect, it } from 'vitest'
import { useSubmit } from './useSubmit'

describe('useSubmit', () => {
  it('is busy while the action runs and clears the previous error', async () => {
    const { busy, formError, run } = useSubmit()
    formError.value = 'old'
    let release!: () => void
    const pending = run(() => new Promise<void>((resolve) => (release = resolve)), () => 'failed')
    expect(busy.value).toBe(true)
    expect(formError.value).toBeNull()
    expect(await run(async () => undefined, () => 'failed'), 'a second submit while busy is ignored').toBe(false)
    release()
    expect(await pending).toBe(true)
    expect(busy.value).toBe(false)
  })

  it('shows what describe returns for a failure, or nothing when it was shown elsewhere', async () => {
    const { busy, formError, run } = useSubmit()
    expect(await run(() => Promise.reject(new Error('x')), () => 'Could not save.')).toBe(false)
    expect(formError.value).toBe('Could not save.')
    expect(busy.value).toBe(false)
    expect(await run(() => Promise.reject(new Error('x')), () => null)).toBe(false)
    expect(formError.value).toBeNull()
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError } from '@shared/ipc/client'
import VaultSecret, { REVEAL_VISIBLE_MS } from './VaultSecret.vue'
import { buttonNamed, click } from '../../components/__tests__/dom'
import { everythingInTheDocument } from './testing'

const SECRET = 'Zr8#pQ2mW7xL4vN9'

function mountSecret(overrides: Record<string, unknown> = {}) {
  const reveal = vi.fn().mockResolvedValue(SECRET)
  const copy = vi.fn().mockResolvedValue(Date.now() + 20_000)
  const wrapper = mount(VaultSecret, { attachTo: document.body, props: { label: 'Password', reveal, copy, ...overrides } })
  return { wrapper, reveal, copy }
}

describe('VaultSecret', () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }))
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('is hidden by default and asks main only when shown', async () => {
    const { reveal } = mountSecret()
    await flushPromises()
    expect(reveal).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('hidden')
    expect(everythingInTheDocument()).not.toContain(SECRET)
    await click(buttonNamed('Show password'))
    expect(reveal).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="vault-secret-value"]')?.textContent).toBe(SECRET)
  })

  it('hides again after 30 s and drops the value from the DOM', async () => {
    mountSecret()
    await click(buttonNamed('Show password'))
    vi.advanceTimersByTime(REVEAL_VISIBLE_MS - 1_000)
    await flushPromises()
    expect(everythingInTheDocument()).toContain(SECRET.slice(0, 4))
    vi.advanceTimersByTime(1_000)
    await flushPromises()
    expect(everythingInTheDocument()).not.toContain(SECRET.slice(0, 4))
    expect(buttonNamed('Show password')).toBeTruthy()
  })

  it('hides when the window loses focus', async () => {
    mountSecret()
    await click(buttonNamed('Show password'))
    window.dispatchEvent(new Event('blur'))
    await flushPromises()
    expect(everythingInTheDocument()).not.toContain(SECRET.slice(0, 4))
  })

  it('hides by hand', async () => {
    mountSecret()
    await click(buttonNamed('Show password'))
    await click(buttonNamed('Hide password'))
    expect(everythingInTheDocument()).not.toContain(SECRET.slice(0, 4))
  })

  it('copies through main without revealing, and says when the clipboard is cleared', async () => {
    const { copy, reveal } = mountSecret()
    await click(buttonNamed('Copy password'))
    expect(copy).toHaveBeenCalledTimes(1)
    expect(reveal).not.toHaveBeenCalled()
    expect(document.body.textContent).toContain('Copied — the clipboard will be cleared in 20 s')
  })

  it('explains a damaged entry', async () => {
    mountSecret({ reveal: vi.fn().mockRejectedValue(new ApiError({ code: 'VAULT_ENTRY_CORRUPT', message: 'damaged entry' })) })
    await click(buttonNamed('Show password'))
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('damaged')
  })

  it('keeps line breaks for notes and offers no copy without a copy action', async () => {
    mountSecret({ label: 'Notes', multiline: true, copy: null, reveal: vi.fn().mockResolvedValue('line one\nline two') })
    expect(() => buttonNamed('Copy notes')).toThrow()
    await click(buttonNamed('Show notes'))
    expect(document.querySelector('[data-testid="vault-secret-value"]')?.textContent).toBe('line one\nline two')
  })
})

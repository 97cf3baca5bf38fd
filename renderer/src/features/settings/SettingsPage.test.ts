import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SettingsPage from './SettingsPage.vue'
import { byLabel, flushPromises, mountInDocument, type } from '../common/testing'

const api = vi.hoisted(() => ({ 'settings.get': vi.fn(), 'settings.update': vi.fn() }))
vi.mock('../../api', () => ({ api }))

async function submit(): Promise<void> {
  document.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
  await flushPromises()
}

describe('SettingsPage', () => {
  beforeEach(() => {
    api['settings.get'].mockReset().mockResolvedValue({ autoLockMinutes: 5, clipboardClearSeconds: 20 })
    api['settings.update'].mockReset().mockImplementation(async (input) => ({ autoLockMinutes: 5, clipboardClearSeconds: 20, ...input }))
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the current auto-lock and clipboard delays and saves new ones', async () => {
    mountInDocument(SettingsPage)
    await flushPromises()
    expect(byLabel('Lock after idle (minutes)').value).toBe('5')
    expect(byLabel('Clear copied secrets after (seconds)').value).toBe('20')
    await type(byLabel('Lock after idle (minutes)'), '15')
    await submit()
    expect(api['settings.update']).toHaveBeenCalledWith({ autoLockMinutes: 15, clipboardClearSeconds: 20 })
    expect(document.body.textContent).toContain('Settings saved.')
  })

  it('refuses values outside the shared bounds and changes nothing', async () => {
    mountInDocument(SettingsPage)
    await flushPromises()
    await type(byLabel('Clear copied secrets after (seconds)'), '2')
    await type(byLabel('Lock after idle (minutes)'), '1.5')
    await submit()
    expect(document.body.textContent).toContain('Enter a whole number of minutes from 1 to 240.')
    expect(document.body.textContent).toContain('Enter a whole number of seconds from 5 to 300.')
    expect(document.activeElement?.id).toBe('settings-autoLockMinutes')
    expect(api['settings.update']).not.toHaveBeenCalled()
  })
})

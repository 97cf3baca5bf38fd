import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import SettingsPage from './SettingsPage.vue'
import { control, submitForm, typeInto } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'

function updates(): unknown[] {
  return fakeApi.calls('settings.update').map((call) => call.input)
}

describe('SettingsPage', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('settings.get', { autoLockMinutes: 5, clipboardClearSeconds: 20 })
    fakeApi.reply('settings.update', (input) => ({ autoLockMinutes: 5, clipboardClearSeconds: 20, ...input }))
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the current auto-lock and clipboard delays and saves new ones', async () => {
    mountInDocument(SettingsPage)
    await flushPromises()
    expect(control('Lock after idle (minutes)').value).toBe('5')
    expect(control('Clear copied secrets after (seconds)').value).toBe('20')
    await typeInto(control('Lock after idle (minutes)'), '15')
    await submitForm(document.body)
    expect(updates()).toEqual([{ autoLockMinutes: 15, clipboardClearSeconds: 20 }])
    expect(document.body.textContent).toContain('Settings saved.')
  })

  it('refuses values outside the shared bounds and changes nothing', async () => {
    mountInDocument(SettingsPage)
    await flushPromises()
    await typeInto(control('Clear copied secrets after (seconds)'), '2')
    await typeInto(control('Lock after idle (minutes)'), '1.5')
    await submitForm(document.body)
    expect(document.body.textContent).toContain('Enter a whole number of minutes from 1 to 240.')
    expect(document.body.textContent).toContain('Enter a whole number of seconds from 5 to 300.')
    expect(document.activeElement?.id).toBe('settings-autoLockMinutes')
    expect(updates()).toEqual([])
  })
})

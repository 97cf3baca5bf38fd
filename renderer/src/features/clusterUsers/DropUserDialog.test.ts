import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { AppErrorPayload, ErrorCode } from '@shared/errors'
import type { Channel } from '@shared/ipc/contract'
import DropUserDialog from './DropUserDialog.vue'
import { useClusterUsersStore } from './useClusterUsersStore'
import { buttonNamed, click, dialog, typeInto } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'

/** What main answered for a channel: the inputs it was called with. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

function failure(code: ErrorCode, message: string = code): AppErrorPayload {
  return { code, message }
}


async function mountDialog() {
  const wrapper = mountInDocument(DropUserDialog, { props: { open: true, username: 'reader_1', clusterName: 'orders' } })
  useClusterUsersStore().clusterId = 'c-1'
  await flushPromises()
  return wrapper
}

function confirmationInput(): HTMLInputElement {
  return dialog().querySelector('input') as HTMLInputElement
}

describe('DropUserDialog', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('clusterUsers.drop', null)
    fakeApi.reply('clusterUsers.list', [])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('keeps Drop disabled until the exact username is typed', async () => {
    const wrapper = await mountDialog()
    expect(buttonNamed('Drop user').disabled).toBe(true)
    await typeInto(confirmationInput(), 'reader_')
    expect(buttonNamed('Drop user').disabled).toBe(true)
    await typeInto(confirmationInput(), 'Reader_1')
    expect(buttonNamed('Drop user').disabled).toBe(true)
    await typeInto(confirmationInput(), 'reader_1')
    expect(buttonNamed('Drop user').disabled).toBe(false)
    await click(buttonNamed('Drop user'))
    expect(inputsOf('clusterUsers.drop')).toContainEqual({ clusterId: 'c-1', username: 'reader_1', confirmUsername: 'reader_1' })
    expect(wrapper.emitted('dropped')).toEqual([['reader_1']])
    wrapper.unmount()
  })

  it('does not submit on Enter while the confirmation does not match', async () => {
    const wrapper = await mountDialog()
    await typeInto(confirmationInput(), 'nope')
    dialog().querySelector('form')!.dispatchEvent(new Event('submit'))
    expect(inputsOf('clusterUsers.drop')).toEqual([])
    wrapper.unmount()
  })

  it('shows PROTECTED_USER from main clearly', async () => {
    fakeApi.fail('clusterUsers.drop', failure('PROTECTED_USER'))
    const wrapper = await mountDialog()
    await typeInto(confirmationInput(), 'reader_1')
    await click(buttonNamed('Drop user'))
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('db_admin is the default cluster user')
    wrapper.unmount()
  })
})

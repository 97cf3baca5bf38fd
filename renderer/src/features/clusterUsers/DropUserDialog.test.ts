import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import DropUserDialog from './DropUserDialog.vue'
import { useClusterUsersStore } from './useClusterUsersStore'
import { apiError, button, click, dialog, flushPromises, mountInDocument, type } from '../common/testing'

const api = vi.hoisted(() => ({
  'clusterUsers.drop': vi.fn(),
  'clusterUsers.list': vi.fn(),
}))
vi.mock('../../api', () => ({ api }))

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
    api['clusterUsers.drop'].mockReset().mockResolvedValue(null)
    api['clusterUsers.list'].mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('keeps Drop disabled until the exact username is typed', async () => {
    const wrapper = await mountDialog()
    expect(button('Drop user').disabled).toBe(true)
    await type(confirmationInput(), 'reader_')
    expect(button('Drop user').disabled).toBe(true)
    await type(confirmationInput(), 'Reader_1')
    expect(button('Drop user').disabled).toBe(true)
    await type(confirmationInput(), 'reader_1')
    expect(button('Drop user').disabled).toBe(false)
    await click(button('Drop user'))
    expect(api['clusterUsers.drop']).toHaveBeenCalledWith({ clusterId: 'c-1', username: 'reader_1', confirmUsername: 'reader_1' })
    expect(wrapper.emitted('dropped')).toEqual([['reader_1']])
    wrapper.unmount()
  })

  it('does not submit on Enter while the confirmation does not match', async () => {
    const wrapper = await mountDialog()
    await type(confirmationInput(), 'nope')
    dialog().querySelector('form')!.dispatchEvent(new Event('submit'))
    expect(api['clusterUsers.drop']).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('shows PROTECTED_USER from main clearly', async () => {
    api['clusterUsers.drop'].mockRejectedValue(apiError('PROTECTED_USER'))
    const wrapper = await mountDialog()
    await type(confirmationInput(), 'reader_1')
    await click(button('Drop user'))
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain('db_admin is the default cluster user')
    wrapper.unmount()
  })
})

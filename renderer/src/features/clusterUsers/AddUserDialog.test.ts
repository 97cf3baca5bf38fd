import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PASSWORD_MESSAGES, USERNAME_MESSAGES } from '@shared/policy/clusterUser'
import AddUserDialog from './AddUserDialog.vue'
import { useClusterUsersStore } from './useClusterUsersStore'
import { apiError, button, byLabel, click, dialog, mountInDocument, type } from '../common/testing'

const api = vi.hoisted(() => ({
  'clusterUsers.add': vi.fn(),
  'clusterUsers.list': vi.fn(),
}))
vi.mock('../../api', () => ({ api }))

const ticket = { ticketId: 't-1', expiresAt: Date.now() + 60_000 }

async function openDialog() {
  const wrapper = mountInDocument(AddUserDialog, { props: { open: true, clusterName: 'orders' } })
  useClusterUsersStore().clusterId = 'c-1'
  await vi.dynamicImportSettled()
  return wrapper
}

describe('AddUserDialog', () => {
  beforeEach(() => {
    api['clusterUsers.add'].mockReset()
    api['clusterUsers.list'].mockReset().mockResolvedValue([])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('previews the shared username policy with its exact messages as the person types', async () => {
    const wrapper = await openDialog()
    const username = byLabel('Username') as HTMLInputElement
    await type(username, '1reader')
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.firstCharacter)
    expect(username.getAttribute('aria-invalid')).toBe('true')
    await type(username, 'read-er')
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.characters)
    await type(username, 'r'.repeat(33))
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.tooLong)
    await type(username, 'reader_1')
    expect(username.getAttribute('aria-invalid')).toBeNull()
    wrapper.unmount()
  })

  it('reports an empty username on submit and sends nothing', async () => {
    const wrapper = await openDialog()
    await click(button('Add user'))
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.empty)
    expect(api['clusterUsers.add']).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('previews the password policy for a typed password', async () => {
    const wrapper = await openDialog()
    await click(byLabel('Type my own') as HTMLInputElement)
    const password = byLabel('Password') as HTMLInputElement
    expect(password.type).toBe('password')
    await type(password, 'Ab1')
    expect(dialog().textContent).toContain(PASSWORD_MESSAGES.tooShort)
    await type(password, 'abcdefgh1')
    expect(dialog().textContent).toContain(PASSWORD_MESSAGES.classes)
    await type(password, 'abc def GH1')
    expect(dialog().textContent).toContain(PASSWORD_MESSAGES.characters)
    await type(password, 'Abcdefgh1')
    expect(dialog().textContent).toContain('Meets the password policy.')
    await click(button(/^Show/))
    expect(password.type).toBe('text')
    wrapper.unmount()
  })

  it('generates by default (length 20, no look-alikes) and hands the ticket on', async () => {
    api['clusterUsers.add'].mockResolvedValue({ user: {}, reveal: ticket })
    const wrapper = await openDialog()
    await type(byLabel('Username'), 'reader_1')
    await type(byLabel('Cluster role'), 'read_write')
    await click(button('Add user'))
    expect(api['clusterUsers.add']).toHaveBeenCalledWith({
      clusterId: 'c-1',
      username: 'reader_1',
      role: 'read_write',
      password: { mode: 'generate', length: 20, avoidLookAlikes: true },
    })
    expect(wrapper.emitted('created')).toEqual([[ticket, 'reader_1']])
    expect(wrapper.emitted('update:open')).toEqual([[false]])
    wrapper.unmount()
  })

  it('still hands the ticket on when re-reading the list fails, so the password is not lost', async () => {
    api['clusterUsers.add'].mockResolvedValue({ user: {}, reveal: ticket })
    api['clusterUsers.list'].mockRejectedValue(apiError('INTERNAL'))
    const wrapper = await openDialog()
    await type(byLabel('Username'), 'reader_1')
    await click(button('Add user'))
    expect(wrapper.emitted('created')).toEqual([[ticket, 'reader_1']])
    wrapper.unmount()
  })

  it('shows a duplicate name at the username field and FORBIDDEN with the role explanation', async () => {
    api['clusterUsers.add'].mockRejectedValueOnce(apiError('ALREADY_EXISTS', 'exists'))
    const wrapper = await openDialog()
    await type(byLabel('Username'), 'reader_1')
    await click(button('Add user'))
    expect(dialog().textContent).toContain('A user named "reader_1" already exists in this cluster.')

    api['clusterUsers.add'].mockRejectedValueOnce(apiError('FORBIDDEN', 'no'))
    await type(byLabel('Username'), 'reader_2')
    await click(button('Add user'))
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
      'Your role in this project does not allow changing cluster users.',
    )
    wrapper.unmount()
  })
})

import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppErrorPayload, ErrorCode } from '@shared/errors'
import type { Channel } from '@shared/ipc/contract'
import { PASSWORD_MESSAGES, USERNAME_MESSAGES } from '@shared/policy/clusterUser'
import AddUserDialog from './AddUserDialog.vue'
import { useClusterUsersStore } from './useClusterUsersStore'
import { buttonNamed, click, control, dialog, typeInto } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'

/** What main answered for a channel: the inputs it was called with. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

function failure(code: ErrorCode, message: string = code): AppErrorPayload {
  return { code, message }
}


const ticket = { ticketId: 't-1', expiresAt: Date.now() + 60_000 }
const newUser = {
  username: 'reader_1',
  role: 'read_write' as const,
  isDefaultAdmin: false,
  createdAt: 0,
  createdBy: 'Ada',
  passwordResetAt: null,
  passwordResetBy: null,
}

async function openDialog() {
  const wrapper = mountInDocument(AddUserDialog, { props: { open: true, clusterName: 'orders' } })
  useClusterUsersStore().clusterId = 'c-1'
  await vi.dynamicImportSettled()
  return wrapper
}

describe('AddUserDialog', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('clusterUsers.list', [])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('previews the shared username policy with its exact messages as the person types', async () => {
    const wrapper = await openDialog()
    const username = control('Username') as HTMLInputElement
    await typeInto(username, '1reader')
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.firstCharacter)
    expect(username.getAttribute('aria-invalid')).toBe('true')
    await typeInto(username, 'read-er')
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.characters)
    await typeInto(username, 'r'.repeat(33))
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.tooLong)
    await typeInto(username, 'reader_1')
    expect(username.getAttribute('aria-invalid')).toBeNull()
    wrapper.unmount()
  })

  it('reports an empty username on submit and sends nothing', async () => {
    const wrapper = await openDialog()
    await click(buttonNamed('Add user'))
    expect(dialog().textContent).toContain(USERNAME_MESSAGES.empty)
    expect(inputsOf('clusterUsers.add')).toEqual([])
    wrapper.unmount()
  })

  it('previews the password policy for a typed password', async () => {
    const wrapper = await openDialog()
    await click(control('Type my own') as HTMLInputElement)
    const password = control('Password') as HTMLInputElement
    expect(password.type).toBe('password')
    await typeInto(password, 'Ab1')
    expect(dialog().textContent).toContain(PASSWORD_MESSAGES.tooShort)
    await typeInto(password, 'abcdefgh1')
    expect(dialog().textContent).toContain(PASSWORD_MESSAGES.classes)
    await typeInto(password, 'abc def GH1')
    expect(dialog().textContent).toContain(PASSWORD_MESSAGES.characters)
    await typeInto(password, 'Abcdefgh1')
    expect(dialog().textContent).toContain('Meets the password policy.')
    await click(buttonNamed(/^Show/))
    expect(password.type).toBe('text')
    wrapper.unmount()
  })

  it('generates by default (length 20, no look-alikes) and hands the ticket on', async () => {
    fakeApi.reply('clusterUsers.add', { user: newUser, reveal: ticket })
    const wrapper = await openDialog()
    await typeInto(control('Username'), 'reader_1')
    await typeInto(control('Cluster role'), 'read_write')
    await click(buttonNamed('Add user'))
    expect(inputsOf('clusterUsers.add')).toContainEqual({
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
    fakeApi.reply('clusterUsers.add', { user: newUser, reveal: ticket })
    fakeApi.fail('clusterUsers.list', failure('INTERNAL'))
    const wrapper = await openDialog()
    await typeInto(control('Username'), 'reader_1')
    await click(buttonNamed('Add user'))
    expect(wrapper.emitted('created')).toEqual([[ticket, 'reader_1']])
    wrapper.unmount()
  })

  it('shows a duplicate name at the username field and FORBIDDEN with the role explanation', async () => {
    fakeApi.fail('clusterUsers.add', failure('ALREADY_EXISTS', 'exists'))
    const wrapper = await openDialog()
    await typeInto(control('Username'), 'reader_1')
    await click(buttonNamed('Add user'))
    expect(dialog().textContent).toContain('A user named "reader_1" already exists in this cluster.')

    fakeApi.fail('clusterUsers.add', failure('FORBIDDEN', 'no'))
    await typeInto(control('Username'), 'reader_2')
    await click(buttonNamed('Add user'))
    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
      'Your role in this project does not allow changing cluster users.',
    )
    wrapper.unmount()
  })
})

import { deferred, fakeApi } from '../components/__tests__/fakePreloadApi'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SessionInfo } from '@shared/ipc/contract'
import type { IpcResponse } from '@shared/errors'
import { buttonNamed, control, descriptionOf, submitForm, typeInto } from '../components/__tests__/dom'
import { mountView } from '../components/__tests__/mountView'
import { loadStrengthEstimator } from '../components/passphraseStrength'
import { useSessionStore } from '../stores/session'
import SetupView from './SetupView.vue'

const PASSPHRASE = 'correct horse battery staple'

function ownerSession(input: { organizationName: string; displayName: string; email: string }): SessionInfo {
  return {
    account: { id: 'a1', displayName: input.displayName, email: input.email },
    organization: { id: 'o1', name: input.organizationName },
    orgRole: 'owner',
    projectRoles: [],
    permissions: { createProjects: true, manageMembers: true, manageOrganization: true, viewAudit: true },
  }
}

async function fillValidForm(): Promise<void> {
  await typeInto(control('Organization name'), 'Analytical Engines')
  await typeInto(control('Your name'), 'Ada Lovelace')
  await typeInto(control('Email'), 'ada@example.test')
  await typeInto(control('Passphrase'), PASSPHRASE)
  await typeInto(control('Confirm passphrase'), PASSPHRASE)
}

describe('first-run setup', () => {
  // The view warms the ~1 MB strength estimator in the background (see ChangePassphraseDialog.test.ts).
  beforeAll(() => loadStrengthEstimator(), 60_000)
  beforeEach(() => fakeApi.reset())
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('has one h1 and labelled fields with the right autocomplete hints', async () => {
    const { wrapper } = await mountView(SetupView)
    expect(document.querySelectorAll('h1')).toHaveLength(1)
    expect(document.querySelector('h1')?.textContent).toBe('Create your workspace')
    expect(control('Passphrase').autocomplete).toBe('new-password')
    expect(control('Confirm passphrase').autocomplete).toBe('new-password')
    expect(control('Passphrase').getAttribute('spellcheck')).toBe('false')
    expect(control('Email').type).toBe('email')
    wrapper.unmount()
  })

  it('checks the form before calling main: required fields, 12-character policy, matching confirmation', async () => {
    const { wrapper } = await mountView(SetupView)
    await submitForm(control('Email'))
    expect(descriptionOf(control('Organization name'))).toContain('Enter the organization name.')
    expect(descriptionOf(control('Your name'))).toContain('Enter your name.')
    expect(descriptionOf(control('Email'))).toContain('Enter an email address.')
    expect(descriptionOf(control('Passphrase'))).toContain('Passphrase must be at least 12 characters.')
    expect(control('Organization name').getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(control('Organization name'))

    await fillValidForm()
    await typeInto(control('Confirm passphrase'), `${PASSPHRASE}!`)
    await submitForm(control('Email'))
    expect(descriptionOf(control('Confirm passphrase'))).toContain('The passphrases do not match.')
    expect(fakeApi.calls('workspace.create')).toHaveLength(0)
    wrapper.unmount()
  })

  it('shows the strength of the passphrase as it is typed', async () => {
    const { wrapper } = await mountView(SetupView)
    await typeInto(control('Passphrase'), 'password1234')
    await vi.waitFor(() => expect(descriptionOf(control('Passphrase'))).toMatch(/Strength: (Very weak|Weak)/), {
      timeout: 5000,
    })
    await typeInto(control('Passphrase'), 'quartz mango tundra velvet')
    await vi.waitFor(() => expect(descriptionOf(control('Passphrase'))).toMatch(/Strength: (Strong|Very strong)/), {
      timeout: 5000,
    })
    wrapper.unmount()
  })

  it('shows the calibration progress while main works, then clears the passphrases and goes home', async () => {
    const pending = deferred<IpcResponse<unknown>>()
    fakeApi.handle('workspace.create', () => pending.promise)
    const { wrapper, router } = await mountView(SetupView)
    await fillValidForm()
    await submitForm(control('Email'))

    expect(document.body.textContent).toContain('Calibrating key derivation for this computer…')
    expect(buttonNamed('Create workspace').disabled).toBe(true)
    expect(buttonNamed('Create workspace').getAttribute('aria-busy')).toBe('true')
    expect(fakeApi.calls('workspace.create')[0]?.input).toEqual({
      organizationName: 'Analytical Engines',
      displayName: 'Ada Lovelace',
      email: 'ada@example.test',
      passphrase: PASSPHRASE,
    })

    pending.resolve({ ok: true, value: ownerSession({ organizationName: 'Analytical Engines', displayName: 'Ada Lovelace', email: 'ada@example.test' }) })
    await flushPromises()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('home'))
    expect(useSessionStore().orgRole).toBe('owner')
    expect(control('Passphrase').value).toBe('')
    expect(control('Confirm passphrase').value).toBe('')
    wrapper.unmount()
  })

  it('puts an error from main under the field it names, and clears the passphrases', async () => {
    fakeApi.fail('workspace.create', { code: 'INVALID_INPUT', message: 'Enter a valid email address.', field: 'email' })
    const { wrapper, router } = await mountView(SetupView)
    await fillValidForm()
    await submitForm(control('Email'))
    expect(descriptionOf(control('Email'))).toContain('Enter a valid email address.')
    expect(control('Email').getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(control('Email'))
    expect(control('Passphrase').value).toBe('')
    expect(control('Confirm passphrase').value).toBe('')
    expect(router.currentRoute.value.name).toBe('setup')
    wrapper.unmount()
  })

  it('shows an error without a field as a form-level alert', async () => {
    fakeApi.fail('workspace.create', { code: 'STORAGE_UNAVAILABLE', message: 'The data folder is not writable.' })
    const { wrapper } = await mountView(SetupView)
    await fillValidForm()
    await submitForm(control('Email'))
    const alert = document.querySelector('[role="alert"]')
    expect(alert?.textContent).toContain('The data folder is not writable.')
    expect(document.body.textContent).not.toContain('Calibrating')
    wrapper.unmount()
  })
})

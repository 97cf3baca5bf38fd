import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { ApiError } from '@shared/ipc/client'
import { useForm } from './useForm'

function makeForm(open = ref(false)) {
  const scope = effectScope()
  const form = scope.run(() =>
    useForm({ initial: () => ({ name: '', email: '' }), context: 'members', open, onOpen: (values) => (values.name = 'Ada') }),
  )!
  return { form, open }
}

describe('useForm', () => {
  it('is busy while the action runs; a second submit meanwhile is ignored', async () => {
    const { form } = makeForm()
    let release!: () => void
    const pending = form.submit(() => new Promise<void>((resolve) => (release = resolve)))
    expect(form.busy.value).toBe(true)
    expect(await form.submit(async () => undefined), 'ignored while busy').toBe(false)
    release()
    expect(await pending).toBe(true)
    expect(form.busy.value).toBe(false)
  })

  it('stops on a validation problem, under its field, without running the action', async () => {
    const { form } = makeForm()
    let ran = false
    const ok = await form.submit(async () => void (ran = true), { validate: () => ({ email: 'Enter an email address.' }) })
    expect(ok).toBe(false)
    expect(ran).toBe(false)
    expect(form.errors).toEqual({ name: null, email: 'Enter an email address.' })
    form.values.email = 'a'
    await nextTick()
    expect(form.errors.email, 'editing a field clears its error').toBeNull()
  })

  it('puts an error from main under the field it names, else at form level, worded by describeError', async () => {
    const { form } = makeForm()
    await form.submit(() => Promise.reject(new ApiError({ code: 'INVALID_INPUT', message: 'Enter the person’s name.', field: 'name' })))
    expect(form.errors.name).toBe('Enter the person’s name.')
    expect(form.formError.value).toBeNull()
    await form.submit(() => Promise.reject(new ApiError({ code: 'FORBIDDEN', message: 'no' })))
    expect(form.errors.name, 'a new submit clears old errors').toBeNull()
    expect(form.formError.value).toMatch(/Your role does not allow managing members/)
    await form.submit(() => Promise.reject(new TypeError('boom')))
    expect(form.formError.value).toBe('Something went wrong. Nothing was changed; try again.')
  })

  it('lets explain word an error, place it under a field, or take it over', async () => {
    const { form } = makeForm()
    await form.submit(() => Promise.reject(new Error('x')), { explain: () => ({ field: 'email', message: 'Taken.' }) })
    expect(form.errors.email).toBe('Taken.')
    await form.submit(() => Promise.reject(new Error('x')), { explain: () => 'Full.' })
    expect(form.formError.value).toBe('Full.')
    await form.submit(() => Promise.reject(new Error('x')), { explain: () => null })
    expect(form.formError.value).toBeNull()
    expect(form.errors).toEqual({ name: null, email: null })
  })

  it('starts each opening of a dialog fresh and fills it from onOpen', async () => {
    const { form, open } = makeForm()
    open.value = true
    await nextTick()
    expect(form.values.name).toBe('Ada')
    form.values.email = 'typed@example.com'
    await form.submit(() => Promise.reject(new Error('x')))
    open.value = false
    await nextTick()
    expect(form.values).toEqual({ name: '', email: '' })
    expect(form.formError.value).toBeNull()
    expect(form.submitted.value).toBe(false)
  })
})

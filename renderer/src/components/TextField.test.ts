import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import TextField from './TextField.vue'
import PassphraseFields from './PassphraseFields.vue'

describe('TextField', () => {
  it('binds its value and wires label, hint and error to the input', async () => {
    const wrapper = mount(TextField, {
      props: {
        id: 'email',
        label: 'Email',
        type: 'email' as const,
        hint: 'Used to sign in.',
        error: 'Enter your email address.',
        modelValue: 'ada@',
        'onUpdate:modelValue': (value: string) => wrapper.setProps({ modelValue: value }),
      },
    })
    const input = wrapper.get('input')
    expect(wrapper.get('label').attributes('for')).toBe('email')
    expect(input.attributes('type')).toBe('email')
    expect(input.attributes('aria-describedby')).toBe('email-hint email-error')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('spellcheck')).toBeUndefined()
    await input.setValue('ada@example.com')
    expect(wrapper.props('modelValue')).toBe('ada@example.com')
  })

  it('types secrets and literal values character for character', () => {
    const secret = mount(TextField, { props: { label: 'Password', type: 'password', modelValue: '' } }).get('input')
    expect(secret.attributes()).toMatchObject({ type: 'password', spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off' })
    const code = mount(TextField, { props: { label: 'Code', literal: true, mono: true, modelValue: '' } }).get('input')
    expect(code.attributes()).toMatchObject({ type: 'text', spellcheck: 'false', autocapitalize: 'off' })
    expect(code.classes()).toContain('cc-mono')
  })

  it('passes a rich hint on to the field description', () => {
    const input = mount(TextField, {
      props: { id: 'pass', label: 'Passphrase', modelValue: '' },
      slots: { hint: () => h('span', 'Caps Lock is on.') },
    }).get('input')
    expect(input.attributes('aria-describedby')).toBe('pass-hint')
  })
})

describe('PassphraseFields', () => {
  it('renders the passphrase with its strength meter and the confirmation, with the given ids and errors', () => {
    const wrapper = mount(PassphraseFields, {
      props: {
        passphrase: '',
        confirmation: '',
        ids: { passphrase: 'new', confirmation: 'confirm' },
        label: 'New passphrase',
        errors: { confirmation: 'The passphrases do not match.' },
      },
    })
    const labels = wrapper.findAll('label').map((label) => [label.text(), label.attributes('for')])
    expect(labels).toEqual([
      ['New passphrase', 'new'],
      ['Confirm passphrase', 'confirm'],
    ])
    expect(wrapper.get('#new').attributes('autocomplete')).toBe('new-password')
    expect(wrapper.get('#new').attributes('aria-describedby')).toBe('new-hint')
    expect(wrapper.get('#confirm').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#confirm-error').text()).toBe('The passphrases do not match.')
  })
})

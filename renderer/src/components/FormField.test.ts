import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import FormField from './FormField.vue'

function mountField(props: Record<string, unknown>) {
  return mount(FormField, {
    props: { label: 'Email', ...props },
    slots: {
      default: (slot: { id: string; describedBy?: string; invalid?: 'true' }) =>
        h('input', { id: slot.id, 'aria-describedby': slot.describedBy, 'aria-invalid': slot.invalid }),
    },
  })
}

describe('FormField', () => {
  it('labels the control it renders', () => {
    const wrapper = mountField({ id: 'email' })
    expect(wrapper.get('label').attributes('for')).toBe('email')
    expect(wrapper.get('input').attributes('id')).toBe('email')
    expect(wrapper.get('input').attributes('aria-describedby')).toBeUndefined()
    expect(wrapper.get('input').attributes('aria-invalid')).toBeUndefined()
  })

  it('generates an id when none is given', () => {
    const wrapper = mountField({})
    const id = wrapper.get('input').attributes('id')
    expect(id).toBeTruthy()
    expect(wrapper.get('label').attributes('for')).toBe(id)
  })

  it('describes the control by its hint and error and marks it invalid', () => {
    const wrapper = mountField({ id: 'email', hint: 'Used to sign in.', error: 'Enter your email address.' })
    const input = wrapper.get('input')
    expect(input.attributes('aria-describedby')).toBe('email-hint email-error')
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#email-hint').text()).toBe('Used to sign in.')
    expect(wrapper.get('#email-error').text()).toBe('Enter your email address.')
  })
})

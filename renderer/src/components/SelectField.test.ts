import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import SelectField from './SelectField.vue'

describe('SelectField', () => {
  it('wires label, hint and error to the select and binds the chosen value with its type', async () => {
    const wrapper = mount(SelectField<number>, {
      props: {
        id: 'expiry',
        label: 'Expires after',
        hint: 'At most 7 days.',
        error: 'Choose an expiry.',
        options: [
          { value: 1, label: '1 hour' },
          { value: 24, label: '24 hours' },
        ],
        modelValue: 1,
        'onUpdate:modelValue': (value: number | '') => wrapper.setProps({ modelValue: value }),
      },
    })
    const select = wrapper.get('select')
    expect(wrapper.get('label').attributes('for')).toBe('expiry')
    expect(select.attributes('aria-describedby')).toBe('expiry-hint expiry-error')
    expect(select.attributes('aria-invalid')).toBe('true')
    expect(wrapper.findAll('option').map((option) => option.text())).toEqual(['1 hour', '24 hours'])
    await select.setValue('24')
    expect(wrapper.props('modelValue')).toBe(24)
  })

  it('offers an "any" choice with the empty value first when anyLabel is given', async () => {
    const wrapper = mount(SelectField<'allowed' | 'denied'>, {
      props: {
        label: 'Outcome',
        anyLabel: 'Any outcome',
        options: [
          { value: 'allowed', label: 'Allowed' },
          { value: 'denied', label: 'Denied' },
        ] as const,
        modelValue: 'denied' as const,
        'onUpdate:modelValue': (value: 'allowed' | 'denied' | '') => wrapper.setProps({ modelValue: value }),
      },
    })
    expect(wrapper.findAll('option').map((option) => option.text())).toEqual(['Any outcome', 'Allowed', 'Denied'])
    await wrapper.get('select').setValue('')
    expect(wrapper.props('modelValue')).toBe('')
  })
})

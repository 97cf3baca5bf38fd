/** Helpers for the feature component tests (happy-dom): mount into the document so teleported dialogs are reachable. */
import { mount, flushPromises, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { ApiError } from '@shared/ipc/client'
import type { ErrorCode } from '@shared/errors'

export function mountInDocument<C extends Component>(component: C, options: ComponentMountingOptions<C> = {} as never) {
  const pinia = createPinia()
  setActivePinia(pinia)
  return mount(component, {
    attachTo: document.body,
    ...options,
    global: { plugins: [pinia], stubs: { RouterLink: true }, ...(options.global ?? {}) },
  } as never)
}

/** The dialog content Reka UI teleports to <body>. */
export function dialog(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[role="dialog"]')
  if (!element) throw new Error('No dialog is open')
  return element
}

export function byLabel(label: string): HTMLInputElement | HTMLSelectElement {
  const labelElement = [...document.body.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)
  const id = labelElement?.getAttribute('for')
  const control = id ? document.getElementById(id) : labelElement?.querySelector('input, select, textarea')
  if (!control) throw new Error(`No control labelled "${label}"`)
  return control as HTMLInputElement
}

export function button(name: string | RegExp): HTMLButtonElement {
  const match = [...document.body.querySelectorAll('button')].find((b) => {
    const text = b.textContent?.replace(/\s+/g, ' ').trim() ?? ''
    return typeof name === 'string' ? text === name : name.test(text)
  })
  if (!match) throw new Error(`No button ${String(name)}`)
  return match
}

export async function type(control: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  control.value = value
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'))
  await flushPromises()
}

export async function click(element: HTMLElement): Promise<void> {
  element.click()
  await flushPromises()
}

export function apiError(code: ErrorCode, message: string = code, field?: string): ApiError {
  return new ApiError(field === undefined ? { code, message } : { code, message, field })
}

export { flushPromises }

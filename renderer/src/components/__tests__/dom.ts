/** DOM queries for component tests by what a person sees: labels, roles, button names. */
import { flushPromises } from '@vue/test-utils'

/** The open dialog (Reka UI teleports it to <body>). */
export function dialog(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[role="dialog"]')
  if (!element) throw new Error('No dialog is open')
  return element
}

/** The control a label names: by its `for`, or the one it wraps (radio buttons, checkboxes). */
export function control(label: string): HTMLInputElement {
  const element = [...document.body.querySelectorAll('label')].find((l) => l.textContent?.trim() === label)
  const id = element?.getAttribute('for')
  const input = id ? document.getElementById(id) : element?.querySelector('input, select, textarea')
  if (!input) throw new Error(`No control labelled "${label}"`)
  return input as HTMLInputElement
}

export function buttonNamed(name: string | RegExp): HTMLButtonElement {
  const match = [...document.body.querySelectorAll('button')].find((b) => {
    const text = (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim()
    return typeof name === 'string' ? text === name : name.test(text)
  })
  if (!match) throw new Error(`No button named ${String(name)}`)
  return match
}

/** The text of whatever describes a control (hint and error, via aria-describedby). */
export function descriptionOf(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(/\s+/) ?? []
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Sets a text field (input event) or a select (change event), as typing or choosing would. */
export async function typeInto(input: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  input.value = value
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'))
  await flushPromises()
}

export async function click(element: HTMLElement): Promise<void> {
  element.click()
  await flushPromises()
}

export async function submitForm(from: HTMLElement): Promise<void> {
  const form = from.closest('form') ?? from.querySelector('form')
  if (!form) throw new Error('No form')
  form.dispatchEvent(new Event('submit', { cancelable: true }))
  await flushPromises()
}

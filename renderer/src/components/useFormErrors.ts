/**
 * Per-field and form-level errors for a form that calls main.
 *   const { fieldErrors, formError, reset, setFieldError, showApiError } = useFormErrors(['email', 'passphrase'])
 *   try { … } catch (error) { showApiError(error) }
 *   const { focusField } = useFormErrors(FIELDS, { idPrefix: 'setup' })   // focuses #setup-<field>
 * An ApiError whose `field` is one of the form's fields lands under that field; anything else
 * becomes the form-level message. Messages come from main (written for people); codes with a
 * standard wording in this app are phrased here once.
 */
import { nextTick, reactive, ref } from 'vue'
import { isApiError } from '@shared/ipc/client'

export const GENERIC_ERROR = 'Something went wrong. Try again; if it keeps happening, restart the app.'

/** The wording this app uses for an error from main. */
export function errorMessage(error: unknown): string {
  if (!isApiError(error)) return GENERIC_ERROR
  switch (error.code) {
    case 'WRONG_PASSPHRASE':
      return 'Wrong passphrase.'
    case 'INTERNAL':
      return GENERIC_ERROR
    default:
      return error.message || GENERIC_ERROR
  }
}

export function useFormErrors<Field extends string>(fields: readonly Field[], options: { idPrefix?: string } = {}) {
  const fieldErrors = reactive<Record<string, string | null>>({}) as Record<Field, string | null>
  const formError = ref<string | null>(null)

  function reset(): void {
    for (const field of fields) fieldErrors[field] = null
    formError.value = null
  }

  function setFieldError(field: Field, message: string | null): void {
    fieldErrors[field] = message
  }

  function isField(name: string | undefined): name is Field {
    return name !== undefined && (fields as readonly string[]).includes(name)
  }

  /** Puts the error where it belongs and returns the field it went to, if any. */
  function showApiError(error: unknown): Field | null {
    const message = errorMessage(error)
    if (isApiError(error) && isField(error.field)) {
      fieldErrors[error.field] = message
      return error.field
    }
    formError.value = message
    return null
  }

  /** The first field, in form order, that has an error. */
  function firstInvalidField(): Field | null {
    return fields.find((field) => fieldErrors[field]) ?? null
  }

  /** Moves focus to the control with id `<idPrefix>-<field>` once the DOM has updated. */
  async function focusField(field: Field | null): Promise<void> {
    if (!field || !options.idPrefix) return
    await nextTick()
    document.getElementById(`${options.idPrefix}-${field}`)?.focus()
  }

  reset()
  return { fieldErrors, formError, reset, setFieldError, showApiError, firstInvalidField, focusField }
}

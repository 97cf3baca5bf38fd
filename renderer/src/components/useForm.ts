/**
 * The one form pattern of the renderer: the values, one error per field, a form-level error,
 * the busy flag around the submit, and — for a dialog — a fresh form each time it opens.
 *
 *   const form = useForm({
 *     initial: () => ({ username: '', role: 'read_only' as ClusterRole }),
 *     context: 'clusterUsers',          // how describeError words FORBIDDEN and friends
 *     open,                             // a dialog's open model: values and errors reset on open and close
 *     onOpen: (values) => (values.username = props.initialUsername ?? ''),
 *     idPrefix: 'setup',                // optional: focus #setup-<field> for the first error
 *   })
 *   await form.submit(() => store.add(form.values.username, form.values.role), {
 *     validate: () => ({ username: checkClusterUsername(form.values.username) }),
 *     explain: (error) => (isApiError(error) && error.code === 'ALREADY_EXISTS' ? { field: 'username', message: '…' } : undefined),
 *   })
 *   <TextField v-model="form.values.username" :error="form.errors.username" />
 *   <InlineAlert v-if="form.formError.value">{{ form.formError.value }}</InlineAlert>
 *
 * `validate` returns a problem (or null) per field; any problem stops the submit. A failure from
 * main lands under the field it names (when the form has it) or as the form-level error, worded
 * by describeError; `explain` may word it differently (a string is form-level, `{ field, message }`
 * goes under a field), return null when it handled the error itself, or undefined for the default.
 * Editing a field clears its error; a field emptied by the form (a passphrase after a failed
 * submit) keeps it. `submit` resolves true when the action succeeded; a submit while one is
 * running is ignored.
 */
import { nextTick, reactive, ref, watch, type Ref } from 'vue'
import { isApiError } from '@shared/ipc/client'
import { describeError, type ActionContext } from '../features/common/errorMessage'

type FieldErrors<Field extends string> = Record<Field, string | null>
export type Explained<Field extends string> = { field: Field; message: string } | string | null | undefined

export interface FormOptions<Values extends Record<string, unknown>> {
  initial: () => Values
  context: ActionContext
  open?: Ref<boolean>
  onOpen?: (values: Values) => void
  idPrefix?: string
}

export interface SubmitOptions<Field extends string> {
  validate?: () => Partial<FieldErrors<Field>>
  explain?: (error: unknown) => Explained<Field>
}

export function useForm<Values extends Record<string, unknown>>(options: FormOptions<Values>) {
  type Field = Extract<keyof Values, string>
  const values = reactive(options.initial()) as Values
  const fields = Object.keys(values) as Field[]
  const errors = reactive(Object.fromEntries(fields.map((field) => [field, null]))) as FieldErrors<Field>
  const formError = ref<string | null>(null)
  const busy = ref(false)
  /** True after the first submit attempt: live checks may then report empty fields too. */
  const submitted = ref(false)

  function clearErrors(): void {
    for (const field of fields) errors[field] = null
    formError.value = null
  }

  function reset(): void {
    Object.assign(values, options.initial())
    clearErrors()
    submitted.value = false
  }

  function setError(field: Field, message: string | null): void {
    errors[field] = message
  }

  function isField(name: unknown): name is Field {
    return typeof name === 'string' && (fields as string[]).includes(name)
  }

  async function focusField(field: Field | null): Promise<void> {
    if (!field || !options.idPrefix) return
    await nextTick()
    document.getElementById(`${options.idPrefix}-${field}`)?.focus()
  }

  function firstInvalidField(): Field | null {
    return fields.find((field) => errors[field]) ?? null
  }

  function show(error: unknown, explain?: (error: unknown) => Explained<Field>): void {
    const explained = explain?.(error)
    if (explained === null) return
    if (typeof explained === 'string') formError.value = explained
    else if (explained) errors[explained.field] = explained.message
    else if (isApiError(error) && isField(error.field)) errors[error.field] = describeError(error, options.context)
    else formError.value = describeError(error, options.context)
  }

  async function submit(action: () => Promise<void>, submitOptions: SubmitOptions<Field> = {}): Promise<boolean> {
    if (busy.value) return false
    submitted.value = true
    clearErrors()
    const problems: Partial<FieldErrors<Field>> = submitOptions.validate?.() ?? {}
    for (const field of fields) errors[field] = problems[field] ?? null
    const invalid = firstInvalidField()
    if (invalid) {
      await focusField(invalid)
      return false
    }
    busy.value = true
    try {
      await action()
      return true
    } catch (error) {
      show(error, submitOptions.explain)
      return false
    } finally {
      busy.value = false
    }
  }

  for (const field of fields) {
    watch(
      () => values[field],
      (value) => {
        if (value !== '') errors[field] = null
      },
      { deep: true },
    )
  }

  if (options.open) {
    watch(
      options.open,
      (isOpen) => {
        reset()
        if (isOpen) options.onOpen?.(values)
      },
      { immediate: options.open.value },
    )
  }

  return { values, errors, formError, busy, submitted, submit, reset, setError, focusField, firstInvalidField }
}

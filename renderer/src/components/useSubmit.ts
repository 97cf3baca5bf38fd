/**
 * The busy flag and form-level error around the async submit of a dialog or form.
 *   const { busy, formError, run } = useSubmit()
 *   await run(
 *     async () => { await store.drop(username); open.value = false },
 *     (error) => describeError(error, 'clusterUsers'),
 *   )
 * `describe` returns the form-level message, or null when it showed the error elsewhere (under a
 * field). A submit while one is running is ignored. `run` resolves true when the action succeeded.
 */
import { ref } from 'vue'

export function useSubmit() {
  const busy = ref(false)
  const formError = ref<string | null>(null)

  async function run(action: () => Promise<void>, describe: (error: unknown) => string | null): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    formError.value = null
    try {
      await action()
      return true
    } catch (error) {
      formError.value = describe(error)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, formError, run }
}

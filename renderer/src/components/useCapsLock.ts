/**
 * Whether Caps Lock is on, as seen on the last key event: a common reason for "Wrong passphrase."
 *   const capsLock = useCapsLock()
 *   <template v-if="capsLock" #hint>Caps Lock is on.</template>
 * Listens on the document while the calling component is mounted.
 */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

export function useCapsLock(): Ref<boolean> {
  const on = ref(false)

  function update(event: KeyboardEvent): void {
    // Synthetic events (and some platforms) do not carry modifier state.
    if (typeof event.getModifierState === 'function') on.value = event.getModifierState('CapsLock')
  }

  onMounted(() => {
    document.addEventListener('keydown', update, true)
    document.addEventListener('keyup', update, true)
  })
  onBeforeUnmount(() => {
    document.removeEventListener('keydown', update, true)
    document.removeEventListener('keyup', update, true)
  })
  return on
}

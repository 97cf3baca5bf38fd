/**
 * A wait that counts down to zero, for THROTTLED answers (`retryAfterMs`).
 *   const wait = useCountdown()
 *   wait.start(error.retryAfterMs)
 *   <p v-if="wait.active.value">Try again in {{ formatWait(wait.remainingMs.value) }}.</p>   (formatWait: @shared/policy/wait)
 * The timer stops itself at zero and when the component unmounts.
 */
import { computed, getCurrentScope, onScopeDispose, ref } from 'vue'

const TICK_MS = 250

export function useCountdown() {
  const endsAt = ref(0)
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | null = null

  const remainingMs = computed(() => Math.max(0, endsAt.value - now.value))
  const active = computed(() => remainingMs.value > 0)

  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  function tick(): void {
    now.value = Date.now()
    if (now.value >= endsAt.value) stop()
  }

  function start(durationMs: number): void {
    stop()
    now.value = Date.now()
    endsAt.value = now.value + Math.max(0, durationMs)
    if (durationMs > 0) timer = setInterval(tick, TICK_MS)
  }

  function cancel(): void {
    stop()
    endsAt.value = 0
  }

  if (getCurrentScope()) onScopeDispose(stop)

  return { remainingMs, active, start, cancel }
}

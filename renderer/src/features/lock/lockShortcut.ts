/** Ctrl+L (Cmd+L on macOS) locks the app; no other modifier, so Ctrl+Shift+L stays free. */
export function isLockShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key.toLowerCase() === 'l' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
}

/** Input reported to main at most this often: enough to keep a 1-minute auto-lock honest, few IPC calls. */
export const ACTIVITY_REPORT_INTERVAL_MS = 15_000

/**
 * Calls `report` for user input, at most once per interval (the first input at once). Returns
 * a function that stops listening.
 */
export function watchActivity(
  report: () => void,
  target: Window = window,
  intervalMs = ACTIVITY_REPORT_INTERVAL_MS,
  now = () => Date.now(),
): () => void {
  let lastReport = -Infinity
  const onInput = () => {
    const at = now()
    if (at - lastReport < intervalMs) return
    lastReport = at
    report()
  }
  const events = ['keydown', 'pointerdown', 'wheel'] as const
  for (const name of events) target.addEventListener(name, onInput, { passive: true, capture: true })
  return () => {
    for (const name of events) target.removeEventListener(name, onInput, { capture: true })
  }
}

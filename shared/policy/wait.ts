/**
 * How long to wait before the next attempt, in words: main puts it in THROTTLED messages and
 * the renderer counts it down, so both read the same. Rounded up to whole seconds.
 */
export function formatWait(ms: number): string {
  const totalSeconds = Math.max(1, Math.ceil(ms / 1000))
  if (totalSeconds < 60) return `${totalSeconds} second${totalSeconds === 1 ? '' : 's'}`
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = totalSeconds % 60
  const minutePart = `${minutes} minute${minutes === 1 ? '' : 's'}`
  return seconds === 0 ? minutePart : `${minutePart} ${seconds} second${seconds === 1 ? '' : 's'}`
}

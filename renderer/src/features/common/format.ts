/** Display formatting shared by the feature screens. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

export function formatDateTime(ms: number): string {
  return dateTime.format(new Date(ms))
}

export function formatDate(ms: number): string {
  return date.format(new Date(ms))
}

/** ISO form for `<time datetime>`, so assistive tech and tests get an unambiguous value. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}

/** "in 47 h" style remaining time, rounded to whole hours (minutes under an hour). */
export function formatRemaining(untilMs: number, nowMs: number = Date.now()): string {
  const remaining = untilMs - nowMs
  if (remaining <= 0) return 'expired'
  const minutes = Math.floor(remaining / 60_000)
  if (minutes < 60) return `expires in ${Math.max(minutes, 1)} min`
  return `expires in ${Math.round(minutes / 60)} h`
}

/** Splits a secret into groups of four so a person can read it aloud; display only, never joined with separators. */
export function groupCharacters(secret: string, size = 4): string[] {
  const chars = [...secret]
  const groups: string[] = []
  for (let i = 0; i < chars.length; i += size) groups.push(chars.slice(i, i + size).join(''))
  return groups
}

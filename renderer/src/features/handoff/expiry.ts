/** Expiry choices for a handoff: 24 hours by default, never more than 7 days (LIMITS.handoffMaxTtlMs). */
export const DEFAULT_EXPIRY_HOURS = 24

export const EXPIRY_CHOICES: ReadonlyArray<{ hours: number; label: string }> = [
  { hours: 1, label: '1 hour' },
  { hours: 4, label: '4 hours' },
  { hours: 24, label: '24 hours' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
]

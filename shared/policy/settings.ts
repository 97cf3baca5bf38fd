/**
 * Per-account preferences that main enforces (auto-lock, clipboard clearing). The bounds
 * live here once: the contract validates against them and the Settings screen shows them.
 */
export const AUTO_LOCK_MINUTES = { min: 1, max: 240, default: 5 } as const
export const CLIPBOARD_CLEAR_SECONDS = { min: 5, max: 300, default: 20 } as const

export interface AppSettings {
  /** Minutes without activity before main locks the session. */
  autoLockMinutes: number
  /** Seconds before a copied secret is cleared from the clipboard (only if it still holds it). */
  clipboardClearSeconds: number
}

export const DEFAULT_SETTINGS: AppSettings = {
  autoLockMinutes: AUTO_LOCK_MINUTES.default,
  clipboardClearSeconds: CLIPBOARD_CLEAR_SECONDS.default,
}

/** Each setting's bounds and unit, by name: one table for the Settings form and its checks. */
export const SETTING_BOUNDS: Record<keyof AppSettings, { min: number; max: number; default: number; unit: string }> = {
  autoLockMinutes: { ...AUTO_LOCK_MINUTES, unit: 'minutes' },
  clipboardClearSeconds: { ...CLIPBOARD_CLEAR_SECONDS, unit: 'seconds' },
}

/**
 * Why `input` is not an acceptable value for `setting`, or null. Takes what a number field
 * holds (a number once typed in, a string when empty or filled in by code).
 */
export function checkSetting(setting: keyof AppSettings, input: string | number): string | null {
  const bounds = SETTING_BOUNDS[setting]
  const text = String(input).trim()
  const value = Number(text)
  if (text === '' || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    return `Enter a whole number of ${bounds.unit} from ${bounds.min} to ${bounds.max}.`
  }
  return null
}

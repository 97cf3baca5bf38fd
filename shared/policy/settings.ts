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

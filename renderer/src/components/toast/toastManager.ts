/**
 * App-wide toasts on Reka UI's toast manager. The manager is module-level so stores and
 * composables can notify without a component context; <ToastHost> (mounted once in App.vue)
 * renders them.
 */
import { createToastManager } from 'reka-ui'

export type ToastTone = 'success' | 'error' | 'info'

export const toastManager = createToastManager()

export interface Toasts {
  /** Confirms a finished action ("Passphrase changed."). */
  success: (title: string, description?: string) => string
  /** Reports a failure that has no better place on screen (prefer inline errors in forms). */
  error: (title: string, description?: string) => string
  info: (title: string, description?: string) => string
  dismiss: (id?: string) => void
}

function show(tone: ToastTone, title: string, description?: string): string {
  return toastManager.add({
    title,
    ...(description === undefined ? {} : { description }),
    status: tone,
    // Errors are announced assertively and stay until dismissed; the rest leave on their own.
    type: tone === 'error' ? 'foreground' : 'background',
    duration: tone === 'error' ? 10_000 : 5_000,
  })
}

const toasts: Toasts = {
  success: (title, description) => show('success', title, description),
  error: (title, description) => show('error', title, description),
  info: (title, description) => show('info', title, description),
  dismiss: (id) => toastManager.close(id),
}

/**
 * const toasts = useToasts()
 * toasts.success('Passphrase changed.')
 */
export function useToasts(): Toasts {
  return toasts
}

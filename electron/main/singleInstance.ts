/**
 * One running app per data folder: two processes writing the same workspace would race
 * on throttling counters and show-once tickets. Electron-free decision logic; index.ts
 * wires it to `app.requestSingleInstanceLock` and the 'second-instance' event.
 */

export const SECOND_INSTANCE_MESSAGE =
  'Cluster Credentials is already running with this data folder. Switched to the open window; this second start exits.'

export type StartupDecision = { proceed: true } | { proceed: false; exitCode: 0; message: string }

export function decideOnLock(gotLock: boolean): StartupDecision {
  return gotLock ? { proceed: true } : { proceed: false, exitCode: 0, message: SECOND_INSTANCE_MESSAGE }
}

/** The slice of BrowserWindow the first instance needs to come to the front. */
export interface FocusableWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  show(): void
  focus(): void
}

/** Brings the first instance's window forward; returns whether there was one to show. */
export function focusExistingWindow(window: FocusableWindow | null): boolean {
  if (!window || window.isDestroyed()) return false
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
  return true
}

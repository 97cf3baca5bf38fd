/**
 * Per-account settings main enforces: how long an idle session stays unlocked and how long
 * a copied secret stays on the clipboard. Stored in clear (they are not secret); missing
 * rows mean the defaults from shared/policy/settings.
 */
import { DEFAULT_SETTINGS, type AppSettings } from '@shared/policy/settings'
import type { CoreDeps } from '../coreDeps'
import type { Actor } from '../session'

interface SettingsRow {
  auto_lock_minutes: number
  clipboard_clear_seconds: number
}

export class SettingsService {
  readonly #deps: Pick<CoreDeps, 'db' | 'clock' | 'audit'>

  constructor(deps: Pick<CoreDeps, 'db' | 'clock' | 'audit'>) {
    this.#deps = deps
  }

  /** The settings of an account; also read when nobody acts (the auto-lock timer). */
  forAccount(accountId: string): AppSettings {
    const row = this.#deps.db
      .prepare<[string], SettingsRow>('SELECT auto_lock_minutes, clipboard_clear_seconds FROM account_settings WHERE account_id = ?')
      .get(accountId)
    if (!row) return { ...DEFAULT_SETTINGS }
    return { autoLockMinutes: row.auto_lock_minutes, clipboardClearSeconds: row.clipboard_clear_seconds }
  }

  get(actor: Actor): AppSettings {
    return this.forAccount(actor.accountId)
  }

  /** Bounds are checked by the contract; only the fields given change. */
  update(actor: Actor, changes: Partial<AppSettings>): AppSettings {
    const { db, clock, audit } = this.#deps
    const next: AppSettings = { ...this.forAccount(actor.accountId), ...stripUndefined(changes) }
    db.transaction(() => {
      db.prepare(
        `INSERT INTO account_settings (account_id, auto_lock_minutes, clipboard_clear_seconds, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET auto_lock_minutes = excluded.auto_lock_minutes,
           clipboard_clear_seconds = excluded.clipboard_clear_seconds, updated_at = excluded.updated_at`,
      ).run(actor.accountId, next.autoLockMinutes, next.clipboardClearSeconds, clock())
      audit.record({
        actor,
        action: 'settings.update',
        target: `auto-lock ${next.autoLockMinutes} min, clipboard ${next.clipboardClearSeconds} s`,
        outcome: 'allowed',
      })
    })()
    return next
  }
}

function stripUndefined(changes: Partial<AppSettings>): Partial<AppSettings> {
  const result: Partial<AppSettings> = {}
  if (changes.autoLockMinutes !== undefined) result.autoLockMinutes = changes.autoLockMinutes
  if (changes.clipboardClearSeconds !== undefined) result.clipboardClearSeconds = changes.clipboardClearSeconds
  return result
}

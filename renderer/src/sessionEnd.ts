/**
 * The end of a renderer session: sign-out, lock, or main ending the session (it answered
 * UNAUTHENTICATED). The page reloads, as Bitwarden desktop does on lock, so nothing of the
 * last person survives in the renderer: no store, cached list, open dialog, show-once
 * secret, component state or toast. After the reload the route guards decide from main's
 * answer alone, so a back-navigation or a bookmarked route of the last session reaches
 * only what the next person may see. The reason rides in the sign-in URL (no data, just a
 * word) so the fresh page can say what happened.
 */
import type { Router } from 'vue-router'
import { useToasts } from './components/toast'

export type SessionEndReason = 'signed-out' | 'locked' | 'session-ended'

const ANNOUNCEMENTS: Record<SessionEndReason, { title: string; description: string }> = {
  'signed-out': { title: 'Signed out', description: 'The account key was wiped from memory.' },
  locked: { title: 'Locked', description: 'The account key was wiped from memory. Sign in to unlock.' },
  'session-ended': { title: 'Signed out', description: 'Your session ended. Sign in again to continue.' },
}

/** The query parameter of the sign-in route that carries the reason across the reload. */
export const ENDED_QUERY = 'ended'

/** Replaces the current entry with sign-in (carrying the reason) and reloads the renderer. */
export function endRendererSession(reason: SessionEndReason): void {
  window.history.replaceState(null, '', `#/sign-in?${ENDED_QUERY}=${reason}`)
  window.location.reload()
}

function isReason(value: unknown): value is SessionEndReason {
  return typeof value === 'string' && Object.hasOwn(ANNOUNCEMENTS, value)
}

/** After the reload: says why the person is signed out, then drops the reason from the URL. */
export async function announceEndedSession(router: Router): Promise<void> {
  await router.isReady()
  const reason = router.currentRoute.value.query[ENDED_QUERY]
  if (reason === undefined) return
  if (isReason(reason)) {
    const { title, description } = ANNOUNCEMENTS[reason]
    useToasts().info(title, description)
  }
  const { [ENDED_QUERY]: _dropped, ...query } = router.currentRoute.value.query
  await router.replace({ ...router.currentRoute.value, query })
}

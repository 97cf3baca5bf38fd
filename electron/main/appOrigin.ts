/**
 * Where the renderer lives. Electron serves it over a privileged custom scheme; the
 * Chromium test bridge serves the same files over an http origin (Chromium cannot
 * navigate to an unregistered scheme). The dispatcher refuses any other origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'cluster-credentials'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The renderer's only door to main. Everything else imports `api` from here and never touches
 * `window.api`, so tests can replace the preload object and nothing else.
 */
import { createApiClient } from '@shared/ipc/client'

export const api = createApiClient(window.api)

export { ApiError, isApiError } from '@shared/ipc/client'

/**
 * Cluster name and endpoint rules. Main enforces them (electron/core/clusters/clusterInput.ts)
 * and the renderer previews them with the same functions, so both say the same thing.
 * Every check takes the value as typed and judges its normalised form.
 */
export const CLUSTER_NAME_MAX_LENGTH = 64
const CLUSTER_NAME_CHARACTERS = /^[A-Za-z0-9_\- ]+$/

export const ENDPOINT_EXAMPLE = 'https://in01-0123456789abcdef.aws-us-west-2.vectordb.example:19530'

export const CLUSTER_MESSAGES = {
  nameEmpty: 'Enter a cluster name.',
  nameTooLong: `A cluster name can be at most ${CLUSTER_NAME_MAX_LENGTH} characters.`,
  nameCharacters: 'A cluster name may contain only English letters, digits, hyphens, underscores and spaces.',
  endpointEmpty: 'Enter the endpoint clients connect to.',
  endpointShape: `Enter the endpoint as a client would use it: http:// or https://, a host and optionally a port, like ${ENDPOINT_EXAMPLE}.`,
  endpointCredentials: 'The endpoint must not contain a username or password.',
} as const

export const ENDPOINT_HINT = `The address clients connect to, e.g. ${ENDPOINT_EXAMPLE}.`

export function normalizeClusterName(value: string): string {
  return value.trim()
}

export function checkClusterName(value: string): string | null {
  const name = normalizeClusterName(value)
  if (name.length === 0) return CLUSTER_MESSAGES.nameEmpty
  if ([...name].length > CLUSTER_NAME_MAX_LENGTH) return CLUSTER_MESSAGES.nameTooLong
  if (!CLUSTER_NAME_CHARACTERS.test(name)) return CLUSTER_MESSAGES.nameCharacters
  return null
}

/** Trimmed, without a trailing slash: the form main stores. */
export function normalizeEndpoint(value: string): string {
  return value.trim().replace(/\/$/, '')
}

/** An http(s) URL with a host, optionally a port; no credentials, path, query or fragment. */
export function checkEndpoint(value: string): string | null {
  const endpoint = normalizeEndpoint(value)
  if (endpoint.length === 0) return CLUSTER_MESSAGES.endpointEmpty
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return CLUSTER_MESSAGES.endpointShape
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return CLUSTER_MESSAGES.endpointShape
  if (url.hostname.length === 0) return CLUSTER_MESSAGES.endpointShape
  if (url.username || url.password) return CLUSTER_MESSAGES.endpointCredentials
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return CLUSTER_MESSAGES.endpointShape
  return null
}

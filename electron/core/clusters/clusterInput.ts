/** Validation of cluster fields; every failure names the field it is about. */
import { AppError } from '@shared/errors'

export const CLUSTER_NAME_MAX_LENGTH = 64
const CLUSTER_NAME_CHARACTERS = /^[A-Za-z0-9_\- ]+$/
export const ENDPOINT_EXAMPLE = 'https://in01-0123456789abcdef.aws-us-west-2.vectordb.example:19530'

export function requireClusterName(value: string): string {
  const name = value.trim()
  if (name.length === 0) throw new AppError('INVALID_INPUT', 'Enter a cluster name.', { field: 'name' })
  if (name.length > CLUSTER_NAME_MAX_LENGTH) {
    throw new AppError('INVALID_INPUT', `A cluster name can be at most ${CLUSTER_NAME_MAX_LENGTH} characters.`, { field: 'name' })
  }
  if (!CLUSTER_NAME_CHARACTERS.test(name)) {
    throw new AppError('INVALID_INPUT', 'A cluster name may contain only letters, digits, hyphens, underscores and spaces.', {
      field: 'name',
    })
  }
  return name
}

/** An http(s) URL with a host, optionally a port; no credentials, path, query or fragment. */
export function requireEndpoint(value: string): string {
  const endpoint = value.trim().replace(/\/$/, '')
  const invalid = new AppError('INVALID_INPUT', `Enter the endpoint a client would use, like ${ENDPOINT_EXAMPLE}.`, {
    field: 'endpoint',
  })
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw invalid
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid
  if (url.hostname.length === 0) throw invalid
  if (url.username || url.password) {
    throw new AppError('INVALID_INPUT', 'The endpoint must not contain a username or password.', { field: 'endpoint' })
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw invalid
  return endpoint
}

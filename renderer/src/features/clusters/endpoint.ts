/** Light checks of a cluster endpoint as a client would use it; main stores it as given. */
export const ENDPOINT_EXAMPLE = 'https://in01-1234.aws-us-west-2.vectordb.example:19530'

export function checkEndpoint(endpoint: string): string | null {
  const trimmed = endpoint.trim()
  if (trimmed === '') return 'Enter the endpoint clients connect to.'
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return `Enter a full URL, for example ${ENDPOINT_EXAMPLE}`
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The endpoint must start with https:// or http://'
  return null
}

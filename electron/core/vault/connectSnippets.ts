/**
 * Ready-to-paste connection snippets for an entry: pymilvus, the Node SDK and curl against
 * the REST API (v2), authenticating with the token `username:password`. The listed text
 * carries a placeholder; only the copy, built in main, holds the real password.
 */
import type { ConnectSnippetKind } from '@shared/ipc/contract'

export const PASSWORD_PLACEHOLDER = '<password>'

export const SNIPPET_LABELS: Record<ConnectSnippetKind, string> = {
  pymilvus: 'Python (pymilvus)',
  node: 'Node.js (@zilliz/milvus2-sdk-node)',
  curl: 'curl (REST API)',
}

export const SNIPPET_KINDS: readonly ConnectSnippetKind[] = ['pymilvus', 'node', 'curl']

/** A double-quoted string literal valid in both Python and JavaScript. */
function quoted(text: string): string {
  return JSON.stringify(text)
}

/** A single-quoted POSIX shell word: nothing inside is interpreted. */
function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

export function connectSnippet(kind: ConnectSnippetKind, endpoint: string, username: string, password: string): string {
  const token = `${username}:${password}`
  switch (kind) {
    case 'pymilvus':
      return [
        'from pymilvus import MilvusClient',
        '',
        'client = MilvusClient(',
        `    uri=${quoted(endpoint)},`,
        `    token=${quoted(token)},`,
        ')',
        '',
      ].join('\n')
    case 'node':
      return [
        "import { MilvusClient } from '@zilliz/milvus2-sdk-node'",
        '',
        'const client = new MilvusClient({',
        `  address: ${quoted(endpoint)},`,
        `  token: ${quoted(token)},`,
        '})',
        '',
      ].join('\n')
    case 'curl':
      return [
        'curl --request POST \\',
        `  --url ${shellQuoted(`${endpoint.replace(/\/+$/u, '')}/v2/vectordb/collections/list`)} \\`,
        `  --header ${shellQuoted(`Authorization: Bearer ${token}`)} \\`,
        `  --header 'Content-Type: application/json' \\`,
        `  --data '{}'`,
        '',
      ].join('\n')
  }
}

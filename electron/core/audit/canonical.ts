/**
 * The canonical byte encoding of an audit row that the hash chain covers. Every field is
 * tagged and length-prefixed, so no two different rows can encode to the same bytes
 * (e.g. moving text from `action` into `target` changes the encoding).
 */
export interface ChainedFields {
  id: number
  at: number
  actorId: string | null
  actorName: string | null
  action: string
  target: string
  clusterId: string | null
  outcome: string
  errorCode: string | null
}

const NULL_TAG = 0
const TEXT_TAG = 1
const INTEGER_TAG = 2
const encoder = new TextEncoder()

export function encodeRow(row: ChainedFields): Uint8Array {
  const parts: Uint8Array[] = [
    integer(row.id),
    integer(row.at),
    text(row.actorId),
    text(row.actorName),
    text(row.action),
    text(row.target),
    text(row.clusterId),
    text(row.outcome),
    text(row.errorCode),
  ]
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const encoded = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    encoded.set(part, offset)
    offset += part.length
  }
  return encoded
}

function integer(value: number): Uint8Array {
  const bytes = new Uint8Array(9)
  bytes[0] = INTEGER_TAG
  new DataView(bytes.buffer).setBigInt64(1, BigInt(value))
  return bytes
}

function text(value: string | null): Uint8Array {
  if (value === null) return Uint8Array.of(NULL_TAG)
  const utf8 = encoder.encode(value)
  const bytes = new Uint8Array(5 + utf8.length)
  bytes[0] = TEXT_TAG
  new DataView(bytes.buffer).setUint32(1, utf8.length)
  bytes.set(utf8, 5)
  return bytes
}

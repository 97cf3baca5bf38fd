/**
 * The canonical byte encoding of an audit row that the hash chain covers. Every field is
 * tagged and length-prefixed, so no two different rows can encode to the same bytes
 * (e.g. moving text from `action` into `target` changes the encoding):
 *   integer: 0x02, 8 bytes big-endian two's complement
 *   text:    0x01, 4 bytes big-endian UTF-8 length, UTF-8 bytes
 *   null:    0x00
 * Verification re-encodes every row, so this writes into one reusable buffer instead of
 * allocating per field.
 *
 * Text is hashed as the UTF-8 bytes SQLite stores, never as JavaScript re-encodes them:
 * better-sqlite3 stores a lone UTF-16 surrogate as a 3-byte surrogate sequence (ED A0 80)
 * and reads it back as three U+FFFD, while TextEncoder writes one U+FFFD (EF BF BD). So rows
 * are written well-formed ({@link wellFormedText}), for which both agree, and verification
 * hashes the stored bytes (`CAST(column AS BLOB)`), not the decoded strings.
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

/** Text as stored: the UTF-8 bytes SQLite holds for each text column (null stays null). */
export interface StoredChainedFields {
  id: number
  at: number
  actorId: Uint8Array | null
  actorName: Uint8Array | null
  action: Uint8Array
  target: Uint8Array
  clusterId: Uint8Array | null
  outcome: Uint8Array
  errorCode: Uint8Array | null
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The string with each lone surrogate replaced by U+FFFD, as TextEncoder would encode it. */
export function wellFormedText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD')
}

const NULL_TAG = 0
const TEXT_TAG = 1
const INTEGER_TAG = 2
const encoder = new TextEncoder()

class Writer {
  buffer = new Uint8Array(1024)
  view = new DataView(this.buffer.buffer)
  offset = 0

  reset(): void {
    this.offset = 0
  }

  bytes(value: Uint8Array): void {
    this.#reserve(value.length)
    this.buffer.set(value, this.offset)
    this.offset += value.length
  }

  integer(value: number): void {
    this.#reserve(9)
    this.buffer[this.offset] = INTEGER_TAG
    if (Number.isSafeInteger(value) && value >= 0) {
      this.view.setUint32(this.offset + 1, Math.floor(value / 2 ** 32))
      this.view.setUint32(this.offset + 5, value >>> 0)
    } else {
      this.view.setBigInt64(this.offset + 1, BigInt(value))
    }
    this.offset += 9
  }

  text(value: string | Uint8Array | null): void {
    if (value === null) {
      this.#reserve(1)
      this.buffer[this.offset++] = NULL_TAG
      return
    }
    if (value instanceof Uint8Array) {
      this.#reserve(5 + value.length)
      this.buffer[this.offset] = TEXT_TAG
      this.view.setUint32(this.offset + 1, value.length)
      this.buffer.set(value, this.offset + 5)
      this.offset += 5 + value.length
      return
    }
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    this.#reserve(5 + value.length * 3)
    this.buffer[this.offset] = TEXT_TAG
    const { written } = encoder.encodeInto(value, this.buffer.subarray(this.offset + 5))
    this.view.setUint32(this.offset + 1, written)
    this.offset += 5 + written
  }

  #reserve(extra: number): void {
    if (this.offset + extra <= this.buffer.length) return
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.offset + extra))
    grown.set(this.buffer.subarray(0, this.offset))
    this.buffer = grown
    this.view = new DataView(grown.buffer)
  }
}

const scratch = new Writer()

function writeRow(writer: Writer, row: ChainedFields | StoredChainedFields): void {
  writer.integer(row.id)
  writer.integer(row.at)
  writer.text(row.actorId)
  writer.text(row.actorName)
  writer.text(row.action)
  writer.text(row.target)
  writer.text(row.clusterId)
  writer.text(row.outcome)
  writer.text(row.errorCode)
}

/**
 * prev_hash || encoding, as a view into a shared buffer: hash it before the next call.
 * Synchronous callers only (the whole audit path is synchronous).
 */
export function chainInput(prevHash: Uint8Array, row: ChainedFields | StoredChainedFields): Uint8Array {
  scratch.reset()
  scratch.bytes(prevHash)
  writeRow(scratch, row)
  return scratch.buffer.subarray(0, scratch.offset)
}

/**
 * Rows written before schema version 4 hashed a lone surrogate as TextEncoder's EF BF BD
 * but stored better-sqlite3's 3-byte surrogate sequence (ED A0..BF 80..BF). Returns the
 * bytes such a row hashed, or null when the text holds no surrogate sequence.
 */
export function textAsHashedBeforeV4(stored: Uint8Array): Uint8Array | null {
  let found = false
  const bytes = Uint8Array.from(stored)
  for (let index = 0; index + 2 < bytes.length; index++) {
    if (bytes[index] === 0xed && bytes[index + 1]! >= 0xa0 && bytes[index + 1]! <= 0xbf && (bytes[index + 2]! & 0xc0) === 0x80) {
      bytes.set([0xef, 0xbf, 0xbd], index)
      index += 2
      found = true
    }
  }
  return found ? bytes : null
}

/** The stored row with every text column read as it was hashed before version 4, or null if none differs. */
export function asHashedBeforeV4(row: StoredChainedFields): StoredChainedFields | null {
  let changed = false
  const convert = <T extends Uint8Array | null>(value: T): T => {
    if (value === null) return value
    const legacy = textAsHashedBeforeV4(value)
    if (!legacy) return value
    changed = true
    return legacy as T
  }
  const legacy: StoredChainedFields = {
    id: row.id,
    at: row.at,
    actorId: convert(row.actorId),
    actorName: convert(row.actorName),
    action: convert(row.action),
    target: convert(row.target),
    clusterId: convert(row.clusterId),
    outcome: convert(row.outcome),
    errorCode: convert(row.errorCode),
  }
  return changed ? legacy : null
}

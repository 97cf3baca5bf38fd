/**
 * The canonical byte encoding of an audit row that the hash chain covers. Every field is
 * tagged and length-prefixed, so no two different rows can encode to the same bytes
 * (e.g. moving text from `action` into `target` changes the encoding):
 *   integer: 0x02, 8 bytes big-endian two's complement
 *   text:    0x01, 4 bytes big-endian UTF-8 length, UTF-8 bytes
 *   null:    0x00
 * Verification re-encodes every row, so this writes into one reusable buffer instead of
 * allocating per field.
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

  text(value: string | null): void {
    if (value === null) {
      this.#reserve(1)
      this.buffer[this.offset++] = NULL_TAG
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

function writeRow(writer: Writer, row: ChainedFields): void {
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
export function chainInput(prevHash: Uint8Array, row: ChainedFields): Uint8Array {
  scratch.reset()
  scratch.bytes(prevHash)
  writeRow(scratch, row)
  return scratch.buffer.subarray(0, scratch.offset)
}

/**
 * Head receipts: a row number and the first 80 bits of that row's chain hash, written
 * `1234-7KQ2-MXR4-PA9H-D3TZ` (the enrollment codes' alphabet, without look-alikes), short
 * enough to write down or print. Kept outside the app, a receipt pins history: rewriting
 * any row up to its row changes that hash, and finding a different history with the same
 * 80-bit prefix takes about 2^80 BLAKE2b evaluations.
 */
export const RECEIPT_HASH_BYTES = 10
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const RECEIPT_PATTERN = /^#?(\d{1,15})[-:]((?:[2-9A-HJ-NP-Z]{4}-?){3}[2-9A-HJ-NP-Z]{4})$/

export interface Receipt {
  rowId: number
  hashPrefix: Uint8Array
}

export function formatReceipt(rowId: number, rowHash: Uint8Array): string {
  const symbols = toBase32(rowHash.subarray(0, RECEIPT_HASH_BYTES))
  return [String(rowId), ...(symbols.match(/.{4}/g) ?? [])].join('-')
}

/** Case and spaces do not matter when typing it back; null when it is not a receipt. */
export function parseReceipt(text: string): Receipt | null {
  const match = RECEIPT_PATTERN.exec(text.toUpperCase().replace(/\s/g, ''))
  if (!match) return null
  const rowId = Number(match[1])
  if (!Number.isSafeInteger(rowId) || rowId < 1) return null
  return { rowId, hashPrefix: fromBase32(match[2]!.replaceAll('-', '')) }
}

function toBase32(bytes: Uint8Array): string {
  let output = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      output += ALPHABET[(buffer >> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  return output
}

function fromBase32(symbols: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((symbols.length * 5) / 8))
  let buffer = 0
  let bits = 0
  let index = 0
  for (const symbol of symbols) {
    buffer = (buffer << 5) | ALPHABET.indexOf(symbol)
    bits += 5
    if (bits >= 8) {
      bytes[index++] = (buffer >> (bits - 8)) & 255
      bits -= 8
    }
    buffer &= (1 << bits) - 1
  }
  return bytes
}

/**
 * One-time enrollment codes: 16 characters from a 32-symbol alphabet without look-alikes
 * (no 0/O, 1/I), shown as four groups of four, 80 bits from the CSPRNG. 32 symbols divide
 * 256 evenly, so masking a random byte is uniform. Only an Argon2id hash is stored.
 */
import { randomBytes } from '../crypto/sodium'

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const GROUPS = 4
const GROUP_LENGTH = 4

export function generateEnrollmentCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH)
  const symbols = Array.from(bytes, (byte) => ALPHABET[byte & 31]!)
  bytes.fill(0)
  const groups: string[] = []
  for (let group = 0; group < GROUPS; group++) groups.push(symbols.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join(''))
  return groups.join('-')
}

/** What is hashed and compared: case, spaces and hyphens do not matter when typing it back. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}

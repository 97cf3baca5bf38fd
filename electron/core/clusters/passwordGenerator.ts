/**
 * Generates cluster passwords from a CSPRNG. Every character is drawn uniformly by
 * rejection sampling (no modulo bias), every class of the policy is present, and by
 * default characters people confuse when reading or typing (0 O o 1 l I | ` ' " ...) are left out.
 * The result is ASCII bytes in a Uint8Array so the caller can wipe it after use.
 */
import { randomBytes } from '../crypto/sodium'

export const DEFAULT_GENERATED_PASSWORD_LENGTH = 20
export const GENERATED_LENGTH = { min: 8, max: 64 } as const
const MIN_LENGTH = GENERATED_LENGTH.min
const MAX_LENGTH = GENERATED_LENGTH.max

const CLASSES_WITHOUT_LOOK_ALIKES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!#$%&*+-=?@^_~'] as const

const ALL_CLASSES = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
] as const

export interface GeneratePasswordOptions {
  length?: number
  avoidLookAlikes?: boolean
}

export function generatePassword(options: GeneratePasswordOptions = {}): Uint8Array {
  const length = options.length ?? DEFAULT_GENERATED_PASSWORD_LENGTH
  if (!Number.isInteger(length) || length < MIN_LENGTH || length > MAX_LENGTH) {
    throw new RangeError(`generated password length must be ${MIN_LENGTH}-${MAX_LENGTH}`)
  }
  const classes = ((options.avoidLookAlikes ?? true) ? CLASSES_WITHOUT_LOOK_ALIKES : ALL_CLASSES).map(asciiCodes)
  const everyCharacter = classes.flatMap((codes) => codes)
  const password = new Uint8Array(length)
  // One character from each class guarantees the policy; the rest come from all classes.
  classes.forEach((codes, index) => (password[index] = codes[uniformIndex(codes.length)]!))
  for (let index = classes.length; index < length; index++) password[index] = everyCharacter[uniformIndex(everyCharacter.length)]!
  // Fisher-Yates so the guaranteed characters do not sit at predictable positions.
  for (let index = length - 1; index > 0; index--) {
    const swapWith = uniformIndex(index + 1)
    const held = password[index]!
    password[index] = password[swapWith]!
    password[swapWith] = held
  }
  return password
}

function asciiCodes(characters: string): number[] {
  return [...characters].map((character) => character.charCodeAt(0))
}

/** A uniform integer in [0, bound) for bound <= 256: bytes at or above the largest multiple of bound are redrawn. */
export function uniformIndex(bound: number): number {
  if (bound < 1 || bound > 256) throw new RangeError('bound must be 1-256')
  const limit = 256 - (256 % bound)
  const pool = randomBytes(32)
  try {
    for (;;) {
      for (const byte of pool) if (byte < limit) return byte % bound
      globalThis.crypto.getRandomValues(pool)
    }
  } finally {
    pool.fill(0)
  }
}

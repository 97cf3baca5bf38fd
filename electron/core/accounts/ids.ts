/**
 * Random, unguessable ids for organizations and accounts: a readable prefix plus 128
 * bits from the CSPRNG, so ids reveal neither order nor count.
 */
import { randomBytes } from '../crypto/sodium'

export function newId(prefix: 'org' | 'acc'): string {
  return `${prefix}_${Buffer.from(randomBytes(16)).toString('hex')}`
}

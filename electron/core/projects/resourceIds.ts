/** Unguessable ids for projects and clusters: a readable prefix plus 128 bits from the CSPRNG. */
import { randomBytes } from '../crypto/sodium'

export function newResourceId(prefix: 'prj' | 'cls'): string {
  return `${prefix}_${Buffer.from(randomBytes(16)).toString('hex')}`
}

/**
 * The one id generator of the core: a readable prefix plus 128 bits from the CSPRNG, so
 * ids reveal neither order nor count and a stray id says what kind of thing it names.
 */
import { randomBytes } from './crypto/sodium'

/** org: organization, acc: account, prj: project, cls: cluster, rvl: reveal ticket. */
export type IdPrefix = 'org' | 'acc' | 'prj' | 'cls' | 'rvl'

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${Buffer.from(randomBytes(16)).toString('hex')}`
}

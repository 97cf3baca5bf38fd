/**
 * How a contact fingerprint looks to people: 12 groups of 5 digits, separated by spaces,
 * compared aloud (Signal's safety-number shape). Core computes it (handoff/identity.ts);
 * the command line reads one typed back with any spacing or dashes.
 */
export const FINGERPRINT_GROUPS = 12
export const FINGERPRINT_GROUP_DIGITS = 5
export const FINGERPRINT_DIGITS = FINGERPRINT_GROUPS * FINGERPRINT_GROUP_DIGITS

/** A typed fingerprint in the canonical spaced form, or null when it is not 60 digits. */
export function normalizeFingerprint(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '')
  if (!/^\d+$/.test(digits) || digits.length !== FINGERPRINT_DIGITS) return null
  return digits.match(new RegExp(`\\d{${FINGERPRINT_GROUP_DIGITS}}`, 'g'))!.join(' ')
}

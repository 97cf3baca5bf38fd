/** Account passphrase policy. Strength is estimated in the renderer (zxcvbn-ts) as guidance; length is the rule. */
export const PASSPHRASE_MIN_LENGTH = 12
export const PASSPHRASE_MAX_LENGTH = 1024

/** Returns a message for a person, or null when the passphrase is acceptable. */
export function checkPassphrase(passphrase: string): string | null {
  const length = [...passphrase].length
  if (length < PASSPHRASE_MIN_LENGTH) return `Passphrase must be at least ${PASSPHRASE_MIN_LENGTH} characters.`
  if (length > PASSPHRASE_MAX_LENGTH) return `Passphrase must be at most ${PASSPHRASE_MAX_LENGTH} characters.`
  return null
}

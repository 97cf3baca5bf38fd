/**
 * Cluster user name and password policy. Pure functions shared by main (which enforces
 * them) and the renderer (which previews them), so both always say the same thing.
 * Name rules follow Milvus `ValidateUsername`; password rules follow the managed console.
 */
export const CLUSTER_USERNAME_MAX_LENGTH = 32
export const CLUSTER_PASSWORD_MIN_LENGTH = 8
export const CLUSTER_PASSWORD_MAX_LENGTH = 64
/** How many of the four character classes a password must mix. */
export const CLUSTER_PASSWORD_MIN_CLASSES = 3

/** Whole sentences, shown as they are (no CSS capitalisation, so identifiers keep their case). */
export const USERNAME_MESSAGES = {
  empty: 'Enter a username.',
  tooLong: `A username can be at most ${CLUSTER_USERNAME_MAX_LENGTH} characters.`,
  firstCharacter: 'A username must start with an English letter.',
  characters: 'A username may contain only English letters, digits and underscores.',
} as const

export const PASSWORD_MESSAGES = {
  tooShort: `The password must be at least ${CLUSTER_PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `The password must be at most ${CLUSTER_PASSWORD_MAX_LENGTH} characters.`,
  characters:
    'The password may contain only English letters, digits and special characters such as !#$%&*+-=?@^_~ (no spaces).',
  classes:
    'The password must contain at least three of: uppercase letters, lowercase letters, digits, special characters.',
} as const

/** What the username field says before anything is wrong. */
export const USERNAME_HINT = `Starts with a letter; English letters, digits and underscores; up to ${CLUSTER_USERNAME_MAX_LENGTH} characters.`

/** What a typed password field says before anything is wrong: every rule, including the character set. */
export const PASSWORD_HINT =
  `${CLUSTER_PASSWORD_MIN_LENGTH}–${CLUSTER_PASSWORD_MAX_LENGTH} characters: English letters, digits and special characters ` +
  'only (no spaces or accented letters), mixing at least three of uppercase, lowercase, digits and special characters.'

const LETTER = /^[A-Za-z]$/
const USERNAME_CHARACTERS = /^[A-Za-z0-9_]*$/

/** Returns the first problem with a cluster user name, or null when it is acceptable. */
export function checkClusterUsername(username: string): string | null {
  if (username.length === 0) return USERNAME_MESSAGES.empty
  // Count code points so a long emoji string is reported as too long, not miscounted.
  if ([...username].length > CLUSTER_USERNAME_MAX_LENGTH) return USERNAME_MESSAGES.tooLong
  if (!LETTER.test(username[0]!)) return USERNAME_MESSAGES.firstCharacter
  if (!USERNAME_CHARACTERS.test(username)) return USERNAME_MESSAGES.characters
  return null
}

export type PasswordCharacterClass = 'uppercase' | 'lowercase' | 'digit' | 'special'

/** Printable ASCII without space: what a client can type and put in a `user:password` token. */
const PASSWORD_CHARACTERS = /^[\x21-\x7e]*$/

export function passwordCharacterClasses(password: string): Set<PasswordCharacterClass> {
  const classes = new Set<PasswordCharacterClass>()
  for (const character of password) {
    if (character >= 'A' && character <= 'Z') classes.add('uppercase')
    else if (character >= 'a' && character <= 'z') classes.add('lowercase')
    else if (character >= '0' && character <= '9') classes.add('digit')
    else classes.add('special')
  }
  return classes
}

/** Returns the first problem with a cluster user password, or null when it is acceptable. */
export function checkClusterPassword(password: string): string | null {
  const length = [...password].length
  if (length < CLUSTER_PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort
  if (length > CLUSTER_PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong
  if (!PASSWORD_CHARACTERS.test(password)) return PASSWORD_MESSAGES.characters
  if (passwordCharacterClasses(password).size < CLUSTER_PASSWORD_MIN_CLASSES) return PASSWORD_MESSAGES.classes
  return null
}

/**
 * Cluster user name and password policy. Pure functions shared by main (which enforces
 * them) and the renderer (which previews them), so both always say the same thing.
 * Name texts follow Milvus `ValidateUsername`; password rules follow the managed console.
 */
export const CLUSTER_USERNAME_MAX_LENGTH = 32
export const CLUSTER_PASSWORD_MIN_LENGTH = 8
export const CLUSTER_PASSWORD_MAX_LENGTH = 64
/** How many of the four character classes a password must mix. */
export const CLUSTER_PASSWORD_MIN_CLASSES = 3

export const USERNAME_MESSAGES = {
  empty: 'username must be not empty',
  tooLong: `the length of username must be less than or equal to ${CLUSTER_USERNAME_MAX_LENGTH} characters`,
  firstCharacter: 'the first character must be a letter',
  characters: 'username must contain only numbers, letters and underscores',
} as const

export const PASSWORD_MESSAGES = {
  tooShort: `the password must be at least ${CLUSTER_PASSWORD_MIN_LENGTH} characters`,
  tooLong: `the password must be at most ${CLUSTER_PASSWORD_MAX_LENGTH} characters`,
  characters:
    'the password may contain only English letters, digits and special characters such as !#$%&*+-=?@^_~ (no spaces)',
  classes:
    'the password must contain at least three of: uppercase letters, lowercase letters, digits, special characters',
} as const

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

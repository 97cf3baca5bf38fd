/**
 * Account fields (first-run form, new members, enrollment): names and email. Main enforces
 * them (electron/core/accounts/accountInput.ts); the renderer previews them with the same
 * functions and messages.
 */
export const NAME_MAX_LENGTH = 100
export const EMAIL_MAX_LENGTH = 254

/** Which name a form asks for; each reads naturally in "Enter …" and "… can be at most …". */
export const NAME_SUBJECTS = {
  organizationName: { enter: 'the organization name', subject: 'The organization name' },
  ownName: { enter: 'your name', subject: 'Your name' },
  memberName: { enter: 'the person’s name', subject: 'The name' },
} as const
export type NameKind = keyof typeof NAME_SUBJECTS

export const EMAIL_MESSAGES = {
  empty: 'Enter an email address.',
  shape: 'Enter an email address like name@example.com.',
} as const

export function normalizeName(value: string): string {
  return value.trim()
}

export function checkName(value: string, kind: NameKind): string | null {
  const name = normalizeName(value)
  const words = NAME_SUBJECTS[kind]
  if (name.length === 0) return `Enter ${words.enter}.`
  if ([...name].length > NAME_MAX_LENGTH) return `${words.subject} can be at most ${NAME_MAX_LENGTH} characters.`
  return null
}

// One "@", something on both sides, a dot in the domain, no spaces: catches typos without
// pretending to implement RFC 5322.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

export function normalizeEmail(value: string): string {
  return value.trim()
}

export function checkEmail(value: string): string | null {
  const email = normalizeEmail(value)
  if (email.length === 0) return EMAIL_MESSAGES.empty
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(email)) return EMAIL_MESSAGES.shape
  return null
}

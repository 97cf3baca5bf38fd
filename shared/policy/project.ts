/** Project name rule, enforced by main (projectService) and previewed by the renderer. */
export const PROJECT_NAME_MAX_LENGTH = 64

export const PROJECT_MESSAGES = {
  empty: 'Enter a project name.',
  tooLong: `A project name can be at most ${PROJECT_NAME_MAX_LENGTH} characters.`,
  controlCharacters: 'A project name cannot contain control characters.',
} as const

export function normalizeProjectName(value: string): string {
  return value.trim()
}

export function checkProjectName(value: string): string | null {
  const name = normalizeProjectName(value)
  if (name.length === 0) return PROJECT_MESSAGES.empty
  if ([...name].length > PROJECT_NAME_MAX_LENGTH) return PROJECT_MESSAGES.tooLong
  if (/\p{Cc}/u.test(name)) return PROJECT_MESSAGES.controlCharacters
  return null
}

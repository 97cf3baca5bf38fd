/** The platform roles the role matrix walks: an Organization Owner and an Organization Member per project role. */
export const PLATFORM_ROLES = ['orgOwner', 'projectOwner', 'projectReadWrite', 'projectReadOnly'] as const
export type PlatformRoleName = (typeof PLATFORM_ROLES)[number]

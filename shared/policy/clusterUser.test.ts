import { describe, expect, it } from 'vitest'
import { checkClusterPassword, checkClusterUsername } from './clusterUser'

describe('cluster user name policy', () => {
  it.each([
    ['', 'username must be not empty'],
    ['a'.repeat(33), 'the length of username must be less than or equal to 32 characters'],
    ['1user', 'the first character must be a letter'],
    ['_user', 'the first character must be a letter'],
    ['ädmin', 'the first character must be a letter'],
    ['user-name', 'username must contain only numbers, letters and underscores'],
    ['user name', 'username must contain only numbers, letters and underscores'],
    ['db_admin ', 'username must contain only numbers, letters and underscores'],
    ['db_аdmin', 'username must contain only numbers, letters and underscores'], // Cyrillic а
  ])('rejects %j with the exact message', (username, message) => {
    expect(checkClusterUsername(username)).toBe(message)
  })

  it.each(['a', 'A', 'reader_01', 'x'.repeat(32), 'DB_ADMIN'])('accepts %j', (username) => {
    expect(checkClusterUsername(username)).toBeNull()
  })
})

describe('cluster user password policy', () => {
  it.each([
    ['', 'the password must be at least 8 characters'],
    ['Ab1!xyz', 'the password must be at least 8 characters'],
    ['Ab1!'.repeat(16) + 'x', 'the password must be at most 64 characters'],
    ['Abcdefg1 ', 'the password may contain only English letters, digits and special characters such as !#$%&*+-=?@^_~ (no spaces)'],
    ['Abcdéfg12', 'the password may contain only English letters, digits and special characters such as !#$%&*+-=?@^_~ (no spaces)'],
    ['abcdefgh', 'the password must contain at least three of: uppercase letters, lowercase letters, digits, special characters'],
    ['abcd1234', 'the password must contain at least three of: uppercase letters, lowercase letters, digits, special characters'],
    ['ABCD!@#$', 'the password must contain at least three of: uppercase letters, lowercase letters, digits, special characters'],
  ])('rejects %j with the exact message', (password, message) => {
    expect(checkClusterPassword(password)).toBe(message)
  })

  it.each(['Abcdefg1', 'abcd123!', 'ABCD12#$', 'Ab1!'.repeat(16), 'Passw0rd:with:colons'])('accepts %j', (password) => {
    expect(checkClusterPassword(password)).toBeNull()
  })
})

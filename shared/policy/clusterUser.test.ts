import { describe, expect, it } from 'vitest'
import { PASSWORD_MESSAGES, USERNAME_MESSAGES, checkClusterPassword, checkClusterUsername } from './clusterUser'

describe('cluster user name policy', () => {
  it.each([
    ['', USERNAME_MESSAGES.empty],
    ['a'.repeat(33), USERNAME_MESSAGES.tooLong],
    ['1user', USERNAME_MESSAGES.firstCharacter],
    ['_user', USERNAME_MESSAGES.firstCharacter],
    ['ädmin', USERNAME_MESSAGES.firstCharacter],
    ['user-name', USERNAME_MESSAGES.characters],
    ['user name', USERNAME_MESSAGES.characters],
    ['db_admin ', USERNAME_MESSAGES.characters],
    ['db_аdmin', USERNAME_MESSAGES.characters], // Cyrillic а
  ])('rejects %j with its message', (username, message) => {
    expect(checkClusterUsername(username)).toBe(message)
  })

  it.each(['a', 'A', 'reader_01', 'x'.repeat(32), 'DB_ADMIN'])('accepts %j', (username) => {
    expect(checkClusterUsername(username)).toBeNull()
  })
})

describe('cluster user password policy', () => {
  it.each([
    ['', PASSWORD_MESSAGES.tooShort],
    ['Ab1!xyz', PASSWORD_MESSAGES.tooShort],
    ['Ab1!'.repeat(16) + 'x', PASSWORD_MESSAGES.tooLong],
    ['Abcdefg1 ', PASSWORD_MESSAGES.characters],
    ['Abcdéfg12', PASSWORD_MESSAGES.characters],
    ['abcdefgh', PASSWORD_MESSAGES.classes],
    ['abcd1234', PASSWORD_MESSAGES.classes],
    ['ABCD!@#$', PASSWORD_MESSAGES.classes],
  ])('rejects %j with its message', (password, message) => {
    expect(checkClusterPassword(password)).toBe(message)
  })

  it.each(['Abcdefg1', 'abcd123!', 'ABCD12#$', 'Ab1!'.repeat(16), 'Passw0rd:with:colons'])('accepts %j', (password) => {
    expect(checkClusterPassword(password)).toBeNull()
  })
})

describe('policy messages', () => {
  const all = [...Object.values(USERNAME_MESSAGES), ...Object.values(PASSWORD_MESSAGES)]
  it.each(all)('%j is a sentence: capital first letter, final period', (message) => {
    expect(message).toMatch(/^[A-Z].*\.$/)
  })
})

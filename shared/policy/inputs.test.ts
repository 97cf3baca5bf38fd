import { describe, expect, it } from 'vitest'
import { CLUSTER_MESSAGES, checkClusterName, checkEndpoint, normalizeEndpoint } from './cluster'
import { PROJECT_MESSAGES, checkProjectName } from './project'
import { EMAIL_MESSAGES, checkEmail, checkName } from './account'

describe('cluster name', () => {
  it.each([
    ['', CLUSTER_MESSAGES.nameEmpty],
    ['   ', CLUSTER_MESSAGES.nameEmpty],
    ['x'.repeat(65), CLUSTER_MESSAGES.nameTooLong],
    ['orders/prod', CLUSTER_MESSAGES.nameCharacters],
  ])('rejects %j', (name, message) => expect(checkClusterName(name)).toBe(message))
  it.each(['orders', ' Search Staging ', 'a-b_c 1', 'x'.repeat(64)])('accepts %j', (name) => expect(checkClusterName(name)).toBeNull())
})

describe('endpoint', () => {
  it.each([
    ['', CLUSTER_MESSAGES.endpointEmpty],
    ['not a url', CLUSTER_MESSAGES.endpointShape],
    ['ftp://host:21', CLUSTER_MESSAGES.endpointShape],
    ['https://host:19530/path', CLUSTER_MESSAGES.endpointShape],
    ['https://host:19530?q=1', CLUSTER_MESSAGES.endpointShape],
    ['https://user:secret@host:19530', CLUSTER_MESSAGES.endpointCredentials],
  ])('rejects %j', (endpoint, message) => expect(checkEndpoint(endpoint)).toBe(message))
  it.each(['https://in01-abc.gcp-eu.vectordb.example:19530', ' http://localhost:19530/ '])('accepts %j', (endpoint) =>
    expect(checkEndpoint(endpoint)).toBeNull(),
  )
  it('normalises to the trimmed form without a trailing slash', () => {
    expect(normalizeEndpoint(' https://host:19530/ ')).toBe('https://host:19530')
  })
})

describe('project name', () => {
  it.each([
    [' ', PROJECT_MESSAGES.empty],
    ['p'.repeat(65), PROJECT_MESSAGES.tooLong],
    ['a\u0007b', PROJECT_MESSAGES.controlCharacters],
  ])('rejects %j', (name, message) => expect(checkProjectName(name)).toBe(message))
  it('accepts a plain name', () => expect(checkProjectName('Analytics')).toBeNull())
})

describe('account name and email', () => {
  it('says which name is missing or too long', () => {
    expect(checkName(' ', 'organizationName')).toBe('Enter the organization name.')
    expect(checkName('', 'ownName')).toBe('Enter your name.')
    expect(checkName('n'.repeat(101), 'memberName')).toBe('The name can be at most 100 characters.')
    expect(checkName('Ada', 'memberName')).toBeNull()
  })
  it.each([
    ['', EMAIL_MESSAGES.empty],
    ['ada', EMAIL_MESSAGES.shape],
    ['ada@example', EMAIL_MESSAGES.shape],
    ['a da@example.com', EMAIL_MESSAGES.shape],
  ])('rejects email %j', (email, message) => expect(checkEmail(email)).toBe(message))
  it('accepts a usual address', () => expect(checkEmail(' ada@example.com ')).toBeNull())
})

describe('every policy message', () => {
  const all = [...Object.values(CLUSTER_MESSAGES), ...Object.values(PROJECT_MESSAGES), ...Object.values(EMAIL_MESSAGES)]
  it.each(all)('%j is a sentence with a final period', (message) => expect(message).toMatch(/^[A-Z].*\.$/))
})

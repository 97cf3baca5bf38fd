import { describe, expect, it } from 'vitest'
import { changedFields, emptyEntryForm, entryFormProblems, formFromEntry, parseTags, toNewEntry } from './entryForm'
import { detail } from './testing'

describe('entry form', () => {
  it('requires a title, a username, a password (when adding) and an endpoint without a cluster', () => {
    expect(Object.keys(entryFormProblems(emptyEntryForm(), 'add')).sort()).toEqual(['endpoint', 'password', 'title', 'username'])
    const editing = { ...emptyEntryForm(), title: 't', clusterId: 'c-1', username: 'u' }
    expect(entryFormProblems(editing, 'edit')).toEqual({})
  })

  it('bounds tags and fields by the shared vault limits', () => {
    const form = { ...emptyEntryForm(), title: 'x'.repeat(201), clusterId: 'c', username: 'u', password: 'p', tags: 'a, b' }
    expect(entryFormProblems(form, 'add').title).toMatch(/200/)
    const tooMany = { ...form, title: 't', tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') }
    expect(entryFormProblems(tooMany, 'add').tags).toMatch(/20 tags/)
  })

  it('parses tags: trimmed, unique, no empties', () => {
    expect(parseTags(' prod, analytics,,Prod , ')).toEqual(['prod', 'analytics'])
  })

  it('sends the endpoint only for a cluster outside the workspace', () => {
    const form = { ...emptyEntryForm(), title: 't', clusterId: 'c-1', endpoint: 'ignored', username: 'u', password: 'p' }
    expect(toNewEntry(form)).toMatchObject({ clusterId: 'c-1', endpoint: '' })
    expect(toNewEntry({ ...form, clusterId: '' })).toMatchObject({ clusterId: null, endpoint: 'ignored' })
  })

  it('an edit sends only what changed; an empty password keeps the current one', () => {
    const entry = detail({ tags: ['production'] })
    const form = formFromEntry(entry, 'old notes')
    expect(changedFields(entry, 'old notes', form)).toEqual({})
    expect(changedFields(entry, 'old notes', { ...form, title: 'renamed', password: 'N3w-password' })).toEqual({
      title: 'renamed',
      password: 'N3w-password',
    })
    expect(changedFields(entry, 'old notes', { ...form, notes: '', tags: 'production, eu' })).toEqual({
      notes: '',
      tags: ['production', 'eu'],
    })
  })
})

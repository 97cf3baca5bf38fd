/**
 * The dispatcher's refusals, generated from the contract so a new channel is covered the
 * day it is added: malformed input (wrong types, extra keys, oversize strings) gets
 * INVALID_INPUT, session channels without a session get UNAUTHENTICATED, unknown
 * channels UNKNOWN_CHANNEL, foreign senders FOREIGN_SENDER — and in none of these cases
 * does a handler run. Handlers here are spies; their real behaviour is tested elsewhere.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, type Channel } from '@shared/ipc/channels'
import { contract } from '@shared/ipc/contract'
import type { Core } from '../../core/core'
import { createMemoryLogger } from '../../core/log'
import type { Actor } from '../../core/session'
import { createDispatcher } from './dispatch'
import type { HandlerTable } from './types'

const APP_ORIGIN = 'app://cluster-credentials'
const APP_SENDER = { url: `${APP_ORIGIN}/index.html#/projects`, isMainFrame: true }
const ACTOR: Actor = { accountId: 'acc_1', displayName: 'Ada' }

type AnySchema = z.ZodType

/** A minimal valid value for a schema: required fields only, shortest legal strings. */
function sample(schema: AnySchema): unknown {
  if (schema instanceof z.ZodObject) {
    const value: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(schema.shape as Record<string, AnySchema>)) {
      if (!(field instanceof z.ZodOptional)) value[key] = sample(field)
    }
    return value
  }
  if (schema instanceof z.ZodString) return 'a'.repeat(Math.max(1, schema.minLength ?? 0))
  if (schema instanceof z.ZodNumber) return Math.max(1, schema.minValue ?? 1)
  if (schema instanceof z.ZodBoolean) return true
  if (schema instanceof z.ZodEnum) return schema.options[0]
  if (schema instanceof z.ZodLiteral) return schema.value
  if (schema instanceof z.ZodArray) return []
  if (schema instanceof z.ZodNullable) return sample(schema.unwrap() as AnySchema)
  if (schema instanceof z.ZodOptional) return sample(schema.unwrap() as AnySchema)
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) return sample(schema.options[0] as AnySchema)
  throw new Error(`No sample for schema type ${schema._zod.def.type}`)
}

/**
 * Valid values of the schema except that exactly one string in them is `bad`: one value per
 * string field, nested objects, array elements, optional fields and union options included.
 */
function withEachString(schema: AnySchema, bad: string): unknown[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return withEachString(schema.unwrap() as AnySchema, bad)
  if (schema instanceof z.ZodString) return [bad]
  if (schema instanceof z.ZodArray) return withEachString(schema.element as AnySchema, bad).map((element) => [element])
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) {
    return (schema.options as AnySchema[]).flatMap((option) => withEachString(option, bad))
  }
  if (schema instanceof z.ZodObject) {
    const valid = sample(schema) as Record<string, unknown>
    return Object.entries(schema.shape as Record<string, AnySchema>).flatMap(([key, field]) =>
      withEachString(field, bad).map((value) => ({ ...valid, [key]: value })),
    )
  }
  return []
}

/** A value of a clearly different type than the schema accepts. */
function wrongType(schema: AnySchema): unknown {
  let inner = schema
  // Unwrap every layer: a field may be optional and nullable at once (e.g. `id.nullable().optional()`).
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as AnySchema
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum || inner instanceof z.ZodLiteral) return 42
  if (inner instanceof z.ZodNumber) return '1'
  if (inner instanceof z.ZodBoolean) return 'true'
  return 'not an object'
}

function objectShape(channel: Channel): Record<string, AnySchema> {
  const input = contract[channel].input as AnySchema
  if (!(input instanceof z.ZodObject)) throw new Error(`${channel}: input is not an object schema`)
  return input.shape as Record<string, AnySchema>
}

function world(options: { signedIn?: boolean; handler?: (channel: Channel) => unknown } = {}) {
  const calls: Channel[] = []
  const handlers = new Proxy({} as HandlerTable, {
    get: (_target, channel: string) => () => {
      calls.push(channel as Channel)
      return options.handler?.(channel as Channel)
    },
  })
  const core = {
    session: { currentActor: () => (options.signedIn ? ACTOR : null), lockedAccountId: () => null },
    autoLock: { touch: () => null },
    runRequest: async (work: () => unknown) => work(),
  } as unknown as Core
  const logger = createMemoryLogger()
  const dispatch = createDispatcher({
    core,
    handlers,
    ports: { copySecretToClipboard: () => undefined },
    appOrigin: APP_ORIGIN,
    logger,
  })
  return { dispatch, calls, logger }
}

describe('the generated samples are valid (keeps the rest of this file honest)', () => {
  it.each(CHANNELS)('%s', (channel) => {
    expect(contract[channel].input.safeParse(sample(contract[channel].input)).success).toBe(true)
  })
})

describe('INVALID_INPUT for every channel', () => {
  const nonObjects: unknown[] = [null, 42, 'text', [], true]

  it.each(CHANNELS)('%s: non-object payloads, an extra key, wrong field types, oversize strings', async (channel) => {
    const { dispatch, calls } = world({ signedIn: true })
    const valid = sample(contract[channel].input) as Record<string, unknown>
    const malformed: unknown[] = [...nonObjects, { ...valid, unexpected: 'extra key' }, { ...valid, __proto__: { polluted: 1 } }]

    for (const [key, field] of Object.entries(objectShape(channel))) {
      malformed.push({ ...valid, [key]: wrongType(field) })
      const inner = field instanceof z.ZodOptional ? (field.unwrap() as AnySchema) : field
      if (inner instanceof z.ZodString) malformed.push({ ...valid, [key]: 'x'.repeat((inner.maxLength ?? 100_000) + 1) })
      if (inner instanceof z.ZodArray) malformed.push({ ...valid, [key]: Array.from({ length: 10_001 }, () => sample(inner.element as AnySchema)) })
    }

    for (const payload of malformed) {
      const response = await dispatch(channel, payload, APP_SENDER)
      expect(response, `${channel} accepted ${JSON.stringify(payload)?.slice(0, 120)}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(calls).toEqual([])
  })

  it.each(CHANNELS)('%s: a lone surrogate in any string, however deeply nested', async (channel) => {
    const { dispatch, calls } = world({ signedIn: true })
    for (const bad of ['x\uD800@acme.example', '\uDC00', 'a\uDBFF', '\uDC00\uD800', '\uD800'.repeat(30)]) {
      const payloads = withEachString(contract[channel].input as AnySchema, bad)
      for (const payload of payloads) {
        const response = await dispatch(channel, payload, APP_SENDER)
        expect(response, `${channel} accepted ${JSON.stringify(payload)}`).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', message: expect.stringMatching(/unpaired surrogate/) },
        })
      }
    }
    expect(calls).toEqual([])
  })

  it('accepts well-formed text beyond the Basic Multilingual Plane (surrogate pairs)', async () => {
    const { dispatch, calls } = world({ signedIn: true })
    await dispatch('members.add', { displayName: 'Zoë 👩‍💻 𝔄𝔡𝔞', email: 'zoe@acme.example', orgRole: 'member', projectRoles: [] }, APP_SENDER)
    expect(calls).toEqual(['members.add'])
  })

  it('names the offending field for inline messages', async () => {
    const { dispatch } = world()
    const response = await dispatch('session.signIn', { accountId: 'acc_1', passphrase: 7 }, APP_SENDER)
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'passphrase' } })
  })
})

describe('UNAUTHENTICATED', () => {
  const sessionChannels = CHANNELS.filter((channel) => contract[channel].auth === 'session')
  const publicChannels = CHANNELS.filter((channel) => contract[channel].auth === 'public')

  it.each(sessionChannels)('%s refuses a valid call without a session', async (channel) => {
    const { dispatch, calls } = world({ signedIn: false })
    const response = await dispatch(channel, sample(contract[channel].input), APP_SENDER)
    expect(response).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(calls).toEqual([])
  })

  it.each(publicChannels)('%s reaches its handler without a session', async (channel) => {
    const { dispatch, calls } = world({ signedIn: false })
    await dispatch(channel, sample(contract[channel].input), APP_SENDER)
    expect(calls).toEqual([channel])
  })
})

describe('UNKNOWN_CHANNEL', () => {
  it.each(['nope.channel', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { channel: 'app.status' }])(
    '%s',
    async (channel) => {
      const { dispatch, calls } = world({ signedIn: true })
      const response = await dispatch(channel, {}, APP_SENDER)
      expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
      expect(calls).toEqual([])
    },
  )
})

describe('FOREIGN_SENDER', () => {
  const foreign = [
    { url: `${APP_ORIGIN}/index.html`, isMainFrame: false },
    { url: 'https://evil.example/index.html', isMainFrame: true },
    { url: 'app://cluster-credentials.evil/index.html', isMainFrame: true },
    { url: 'app://evil/index.html', isMainFrame: true },
    { url: 'http://cluster-credentials/index.html', isMainFrame: true },
    { url: 'file:///work/out/renderer/index.html', isMainFrame: true },
    { url: 'app://user:pass@cluster-credentials/index.html', isMainFrame: true },
    { url: 'about:blank', isMainFrame: true },
    { url: 'about:srcdoc', isMainFrame: false },
    { url: '', isMainFrame: true },
    { url: 'not a url', isMainFrame: true },
  ]

  it.each(foreign)('$url (main frame: $isMainFrame)', async (sender) => {
    const { dispatch, calls } = world({ signedIn: true })
    for (const channel of ['app.status', 'session.signOut', 'not.a.channel']) {
      const response = await dispatch(channel, {}, sender)
      // The sender is checked first: a foreign frame cannot even probe which channels exist.
      expect(response).toMatchObject({ ok: false, error: { code: 'FOREIGN_SENDER' } })
    }
    expect(calls).toEqual([])
  })
})

describe('INTERNAL', () => {
  it('hides the stack and message of an unexpected failure and logs no payload', async () => {
    const { dispatch, logger } = world({
      signedIn: false,
      handler: () => {
        throw new Error('database file is locked at /secret/path')
      },
    })
    const passphrase = 'correct horse battery staple'
    const response = await dispatch('session.signIn', { accountId: 'acc_1', passphrase }, APP_SENDER)
    expect(response).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
    const text = JSON.stringify(response)
    expect(text).not.toContain('/secret/path')
    expect(text).not.toMatch(/\bat .*\.ts/)
    expect(logger.lines.join('\n')).not.toContain(passphrase)
    expect(logger.lines.some((line) => line.includes('ipc.internal_error'))).toBe(true)
  })

  it('only fields named by the output schema leave main', async () => {
    const { dispatch } = world({
      handler: () => ({ workspace: null, session: null, accountKey: 'should never cross' }),
    })
    const response = await dispatch('app.status', {}, APP_SENDER)
    expect(response).toEqual({ ok: true, value: { workspace: null, session: null } })
  })
})

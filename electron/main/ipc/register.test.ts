import { describe, expect, it } from 'vitest'
import { CHANNELS, IPC_PREFIX } from '@shared/ipc/channels'
import type { Dispatch } from './dispatch'
import { registerIpcHandlers, senderOf, type InvokeEventLike } from './register'

describe('registerIpcHandlers', () => {
  it('registers exactly one prefixed handler per contract channel', () => {
    const names: string[] = []
    registerIpcHandlers({ handle: (name) => void names.push(name) }, async () => ({ ok: true, value: null }))
    expect(names).toEqual(CHANNELS.map((channel) => IPC_PREFIX + channel))
  })

  it('passes the channel, payload and sender frame to the dispatcher', async () => {
    const listeners = new Map<string, (event: InvokeEventLike, payload: unknown) => unknown>()
    const seen: unknown[] = []
    const dispatch: Dispatch = async (channel, payload, sender) => {
      seen.push({ channel, payload, sender })
      return { ok: true, value: null }
    }
    registerIpcHandlers({ handle: (name, listener) => void listeners.set(name, listener) }, dispatch)
    const mainFrame = { url: 'app://cluster-credentials/index.html', parent: null }
    await listeners.get(`${IPC_PREFIX}app.status`)!({ senderFrame: mainFrame }, {})
    expect(seen).toEqual([
      { channel: 'app.status', payload: {}, sender: { url: 'app://cluster-credentials/index.html', isMainFrame: true } },
    ])
  })
})

describe('senderOf', () => {
  const mainFrame = { url: 'app://cluster-credentials/index.html', parent: null }

  it('marks a subframe as not the main frame', () => {
    const subframe = { url: 'app://cluster-credentials/index.html', parent: mainFrame }
    expect(senderOf({ senderFrame: subframe }).isMainFrame).toBe(false)
  })

  it('treats a missing (destroyed) frame as foreign', () => {
    expect(senderOf({ senderFrame: null })).toEqual({ url: '', isMainFrame: false })
  })
})

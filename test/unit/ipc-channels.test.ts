/**
 * The preload builds `window.api` from the zod-free channel list; main validates with the
 * contract. The type checker already ties the two together (contract.ts's `satisfies`);
 * this checks the same at run time, so a channel can never exist on one side only.
 */
import { describe, expect, it } from 'vitest'
import { CHANNEL_AUTH, CHANNELS, isChannel } from '@shared/ipc/channels'
import { contract } from '@shared/ipc/contract'

describe('the zod-free channel list', () => {
  it('names exactly the channels of the contract, in the same order', () => {
    expect([...CHANNELS]).toEqual(Object.keys(contract))
  })

  it("gives each channel the contract's auth", () => {
    expect(Object.fromEntries(Object.entries(contract).map(([channel, spec]) => [channel, spec.auth]))).toEqual(CHANNEL_AUTH)
  })

  it('recognises only its own names, not inherited properties', () => {
    expect(isChannel('projects.list')).toBe(true)
    expect(isChannel('toString')).toBe(false)
    expect(isChannel('__proto__')).toBe(false)
    expect(isChannel(42)).toBe(false)
  })
})

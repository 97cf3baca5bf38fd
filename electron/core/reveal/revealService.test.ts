import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { RevealService } from './revealService'

const actor = { accountId: 'acc_1', displayName: 'Ada' }
const where = { clusterId: 'cls_1', clusterName: 'orders', endpoint: 'https://in01.example:19530', username: 'reader' }
const bytesOf = (text: string) => new TextEncoder().encode(text)

let env: TestDeps
let reveals: RevealService
beforeEach(async () => {
  env = await createTestDeps()
  reveals = new RevealService(env.deps)
})
afterEach(() => env.cleanup())

describe('RevealService.issueAfter', () => {
  it('hands the kept bytes to a ticket that shows them once', () => {
    const { result, reveal } = reveals.issueAfter(actor, (keep) => (keep(bytesOf('Secret-Pass-1')), 'done'), () => where)
    expect(result).toBe('done')
    expect(reveals.open(actor, reveal.ticketId)).toEqual({ ...where, password: 'Secret-Pass-1' })
  })

  it('wipes the bytes when the work fails after producing them, and issues nothing', () => {
    const password = bytesOf('Secret-Pass-1')
    expect(() =>
      reveals.issueAfter(
        actor,
        (keep) => {
          keep(password)
          throw new Error('rolled back')
        },
        () => where,
      ),
    ).toThrow('rolled back')
    expect([...password].every((byte) => byte === 0)).toBe(true)
    expect(reveals.liveCount).toBe(0)
  })

  it('wipes the bytes when describing the ticket fails', () => {
    const password = bytesOf('Secret-Pass-1')
    const broken = () => {
      throw new Error('no description')
    }
    expect(() => reveals.issueAfter(actor, (keep) => keep(password), broken)).toThrow('no description')
    expect([...password].every((byte) => byte === 0)).toBe(true)
    expect(reveals.liveCount).toBe(0)
  })

  it('wipes bytes replaced by a second keep, and refuses work that produced none', () => {
    const first = bytesOf('First-Pass-1')
    const { reveal } = reveals.issueAfter(actor, (keep) => (keep(first), keep(bytesOf('Second-Pass-2'))), () => where)
    expect([...first].every((byte) => byte === 0)).toBe(true)
    expect(reveals.open(actor, reveal.ticketId).password).toBe('Second-Pass-2')
    expect(() => reveals.issueAfter(actor, () => null, () => where)).toThrow()
    // Shown, not yet closed: held for "Keep in my vault" until the dialog is dismissed.
    expect(reveals.liveCount).toBe(1)
    reveals.dismiss(actor, reveal.ticketId)
    expect(reveals.liveCount).toBe(0)
  })
})

describe('RevealService.open', () => {
  it('keeps the ticket when the reveal cannot be audited, so the password is not lost unseen', () => {
    const { ticketId } = reveals.issue(actor, { ...where, password: bytesOf('Secret-Pass-1') })
    const failing = vi.spyOn(env.deps.audit, 'record').mockImplementationOnce(() => {
      throw new Error('disk full')
    })
    expect(() => reveals.open(actor, ticketId)).toThrow('disk full')
    failing.mockRestore()
    expect(reveals.liveCount).toBe(1)
    expect(reveals.open(actor, ticketId).password).toBe('Secret-Pass-1')
    reveals.dismiss(actor, ticketId)
    expect(reveals.liveCount).toBe(0)
  })
})

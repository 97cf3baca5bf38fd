import { beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '@shared/domain'
import { loadSodium } from '../crypto/sodium'
import { createMemoryLogger } from '../log'
import { SessionState } from '../session'
import { createManualClock, type ManualClock } from '../testing/manualClock'
import { QrScannerGate } from './qrScannerGate'

const ADA = { accountId: 'acc_ada', displayName: 'Ada' }
const BEN = { accountId: 'acc_ben', displayName: 'Ben' }

describe('QrScannerGate', () => {
  let clock: ManualClock
  let session: SessionState
  let gate: QrScannerGate

  beforeEach(async () => {
    clock = createManualClock()
    session = new SessionState(await loadSodium())
    gate = new QrScannerGate({ session, clock, logger: createMemoryLogger() })
    session.start(ADA, new Uint8Array(32), clock())
  })

  it('is closed until opened, open until closed', () => {
    expect(gate.isOpen()).toBe(false)
    expect(gate.open(ADA)).toEqual({ closesAt: clock() + LIMITS.qrScannerMaxOpenMs })
    expect(gate.isOpen()).toBe(true)
    gate.close()
    expect(gate.isOpen()).toBe(false)
  })

  it('closes by itself after the longest a scanner may stay open', () => {
    gate.open(ADA)
    clock.advance(LIMITS.qrScannerMaxOpenMs - 1)
    expect(gate.isOpen()).toBe(true)
    clock.advance(1)
    expect(gate.isOpen()).toBe(false)
  })

  it('closes when the session locks or ends, and does not reopen for the next account', () => {
    gate.open(ADA)
    session.lock()
    expect(gate.isOpen()).toBe(false)
    session.start(ADA, new Uint8Array(32), clock())
    expect(gate.isOpen()).toBe(false)

    gate.open(ADA)
    session.end()
    session.start(BEN, new Uint8Array(32), clock())
    expect(gate.isOpen()).toBe(false)
  })
})

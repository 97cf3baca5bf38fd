import { describe, expect, it } from 'vitest'
import { openedContext } from './openedContext'
import { DEFAULT_EXPIRY_HOURS, EXPIRY_CHOICES } from './expiry'
import { LIMITS } from '@shared/domain'

describe('handoff helpers', () => {
  it('describes an opened handoff with sender, user, role, cluster and note', () => {
    const text = openedContext({
      status: 'opened',
      handoffId: 'h',
      reveal: { ticketId: 't', expiresAt: 1 },
      sender: { name: 'Ada', email: 'ada@example.com', fingerprint: 'f', verified: true },
      clusterName: 'orders',
      username: 'app_reader',
      role: 'read_only',
      note: 'rotate monthly',
      expiresAt: 2,
    })
    expect(text).toBe('Handed off by Ada <ada@example.com>: app_reader (read_only) on orders. Note: “rotate monthly”')
  })

  it('offers 24 h by default and nothing beyond the 7-day limit', () => {
    expect(EXPIRY_CHOICES.map((choice) => choice.hours)).toContain(DEFAULT_EXPIRY_HOURS)
    expect(Math.max(...EXPIRY_CHOICES.map((choice) => choice.hours)) * 3_600_000).toBe(LIMITS.handoffMaxTtlMs)
  })
})

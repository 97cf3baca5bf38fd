import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditRow, AuditVerification, Channel } from '@shared/ipc/contract'
import AuditPage from './AuditPage.vue'
import { flushPromises } from '@vue/test-utils'
import { buttonNamed as button, click, control as byLabel, typeInto as type } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'
import { parseLocalDateTime } from './auditFormat'

/** What main was asked on a channel: the inputs it was called with, in order. */
function inputsOf(channel: Channel): unknown[] {
  return fakeApi.calls(channel).map((call) => call.input)
}

const AT = Date.UTC(2026, 11, 2, 4, 43, 27)
const row = (id: number, action: string, extra: Partial<AuditRow> = {}): AuditRow => ({
  id, at: AT + id * 1000, actorId: 'acc_1', actorName: 'Ada Owner', action, target: `target ${id}`, clusterId: null,
  outcome: 'allowed', errorCode: null, damaged: false, ...extra,
})
const intact: AuditVerification = {
  ok: true, checkedRows: 3, firstBrokenRowId: null, anchor: { status: 'verified', rowId: 3 }, unkeyedRows: 0, receipt: null,
  headReceipt: '3-7KQ2-MXR4-PA9H-D3TZ',
}

describe('AuditPage', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('audit.list', {
      rows: [row(3, 'session.signIn'), row(2, 'session.sign_in'), row(1, 'clusterUser.changeRole', { at: null, outcome: null, damaged: true })],
      hasMore: false,
    })
    fakeApi.reply('audit.verify', intact)
    fakeApi.reply('members.list', [])
    fakeApi.reply('clusters.list', [])
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows labels for current and legacy codes, times to the second, and damaged rows', async () => {
    mountInDocument(AuditPage)
    await flushPromises()
    const rows = [...document.body.querySelectorAll('tbody tr')]
    expect(rows.map((tr) => tr.children[3]!.textContent)).toEqual(['Signed in', 'Signed in', 'Changed a cluster user’s role'])
    expect(rows[0]!.querySelector('time')!.textContent).toMatch(/\d{1,2}:\d{2}:\d{2}/)
    expect(rows[2]!.textContent).toContain('damaged')
    expect(rows[2]!.textContent).toContain('unreadable')
  })

  it('sends the date range and text filter to main', async () => {
    mountInDocument(AuditPage)
    await flushPromises()
    await type(byLabel('From') as HTMLInputElement, '2026-12-02T04:00:00')
    await type(byLabel('Until') as HTMLInputElement, '2026-12-02T05:00:00')
    await type(byLabel('Text') as HTMLInputElement, '  reader  ')
    await type(byLabel('Action'), 'session.signIn')
    await click(button('Apply filters'))
    expect(inputsOf('audit.list').at(-1)).toEqual({
      filter: { action: 'session.signIn', from: parseLocalDateTime('2026-12-02T04:00:00'), to: parseLocalDateTime('2026-12-02T05:00:01'), text: 'reader' },
      limit: 50,
    })
  })

  it('shows the head receipt after verifying, and checks a receipt typed back', async () => {
    mountInDocument(AuditPage)
    await flushPromises()
    await click(button('Verify chain'))
    expect(document.body.querySelector('[data-testid="audit-head-receipt"]')!.textContent).toBe('3-7KQ2-MXR4-PA9H-D3TZ')
    expect(document.body.textContent).toContain('The keyed head vouches for every row up to #3.')

    fakeApi.reply('audit.verify', { ...intact, receipt: { rowId: 2, status: 'mismatch' }, ok: false, firstBrokenRowId: 1, headReceipt: null })
    await type(byLabel('Check a receipt') as HTMLInputElement, '2-AAAA-BBBB-CCCC-DDDD')
    await click(button('Check receipt'))
    expect(inputsOf('audit.verify').at(-1)).toEqual({ receipt: '2-AAAA-BBBB-CCCC-DDDD' })
    expect(document.body.textContent).toContain('The receipt for row #2 does not match: history up to it was changed.')

    fakeApi.fail('audit.verify', { code: 'INVALID_INPUT', message: 'That is not an audit receipt.', field: 'receipt' })
    await type(byLabel('Check a receipt') as HTMLInputElement, 'nonsense')
    await click(button('Check receipt'))
    expect(byLabel('Check a receipt').getAttribute('aria-invalid')).toBe('true')
    expect(document.body.textContent).toContain('That is not an audit receipt.')
  })
})

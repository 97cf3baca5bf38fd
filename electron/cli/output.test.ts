import { describe, expect, it } from 'vitest'
import { formatTable } from './output'

describe('formatTable', () => {
  it('aligns columns two spaces apart, leaves the last column unpadded and trims line ends', () => {
    expect(
      formatTable(
        ['NAME', 'ROLE', 'ID'],
        [
          ['orders-prod', 'owner', 'prj_1'],
          ['x', '', ''],
        ],
      ),
    ).toBe(['NAME         ROLE   ID', '-----------  -----  -----', 'orders-prod  owner  prj_1', 'x'].join('\n') + '\n')
  })

  it('says (none) for no rows', () => {
    expect(formatTable(['A'], [])).toBe('(none)\n')
  })
})

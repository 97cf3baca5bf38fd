import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import VirtualList from './VirtualList.vue'

interface Row {
  id: string
  title: string
}

const ROW_HEIGHT = 40
const many = (count: number): Row[] => Array.from({ length: count }, (_, i) => ({ id: `id-${i}`, title: `Entry ${i}` }))

function mountList(items: Row[], height = 400) {
  const opened: number[] = []
  const active = ref(-1)
  const Host = defineComponent({
    setup() {
      return () =>
        h(
          VirtualList<Row>,
          {
            items,
            itemKey: (row: Row) => row.id,
            rowHeight: ROW_HEIGHT,
            label: 'Entries',
            idPrefix: 'entry',
            active: active.value,
            'onUpdate:active': (value: number) => (active.value = value),
            onOpen: (_row: Row, index: number) => opened.push(index),
          },
          { row: ({ item }: { item: Row }) => h('span', item.title) },
        )
    },
  })
  // happy-dom does no layout: give the viewport the height a stylesheet would.
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return (this as HTMLElement).getAttribute('role') === 'listbox' ? height : 0
    },
  })
  const wrapper = mount(Host, { attachTo: document.body })
  const restore = () => clientHeight && Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight)
  return { wrapper, opened, active, restore, listbox: () => document.querySelector<HTMLElement>('[role="listbox"]')! }
}

const options = () => [...document.querySelectorAll('[role="option"]')]

describe('VirtualList', () => {
  let restore = () => {}
  afterEach(() => {
    restore()
    document.body.innerHTML = ''
  })

  it('renders only the rows in view for 10,000 items, with their position in the set', async () => {
    const mounted = mountList(many(10_000))
    restore = mounted.restore
    await flushPromises()
    const rendered = options()
    expect(rendered.length).toBeGreaterThan(5)
    expect(rendered.length).toBeLessThan(30)
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('10000')
    expect(rendered[0]?.getAttribute('aria-posinset')).toBe('1')
    expect(mounted.listbox().getAttribute('aria-label')).toBe('Entries')
  })

  it('renders the rows of the scrolled-to window', async () => {
    const mounted = mountList(many(10_000))
    restore = mounted.restore
    await flushPromises()
    const listbox = mounted.listbox()
    listbox.scrollTop = 5_000 * ROW_HEIGHT
    listbox.dispatchEvent(new Event('scroll'))
    await flushPromises()
    const titles = options().map((o) => o.textContent)
    expect(titles).toContain('Entry 5000')
    expect(titles).not.toContain('Entry 0')
  })

  it('is operated by keyboard: focus activates the first row, arrows and End move, Enter opens', async () => {
    const mounted = mountList(many(10_000))
    restore = mounted.restore
    await flushPromises()
    const listbox = mounted.listbox()
    listbox.dispatchEvent(new FocusEvent('focus'))
    await flushPromises()
    expect(mounted.active.value).toBe(0)
    expect(listbox.getAttribute('aria-activedescendant')).toBe('entry-0')

    listbox.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    await flushPromises()
    expect(listbox.getAttribute('aria-activedescendant')).toBe('entry-1')
    expect(document.getElementById('entry-1')?.getAttribute('aria-selected')).toBe('true')

    listbox.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }))
    await flushPromises()
    expect(mounted.active.value).toBe(9_999)
    // The active row is rendered and scrolled into view.
    expect(document.getElementById('entry-9999')?.textContent).toBe('Entry 9999')
    expect(listbox.scrollTop).toBe(10_000 * ROW_HEIGHT - 400)

    listbox.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(mounted.opened).toEqual([9_999])
  })

  it('opens a row on click', async () => {
    const mounted = mountList(many(20))
    restore = mounted.restore
    await flushPromises()
    ;(document.getElementById('entry-3') as HTMLElement).click()
    await flushPromises()
    expect(mounted.opened).toEqual([3])
    expect(mounted.active.value).toBe(3)
  })
})

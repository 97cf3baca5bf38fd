import { fakeApi } from '../../components/__tests__/fakePreloadApi'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { buttonNamed, click, control } from '../../components/__tests__/dom'
import { mountInDocument } from '../../components/__tests__/mountView'
import TextSourceField from './TextSourceField.vue'
import type * as CameraScan from './cameraScan'

// happy-dom has no camera and no canvas: the frame reader is replaced, the rest is real.
const frames = vi.hoisted(() => ({ texts: [] as Array<string | null> }))
vi.mock('./cameraScan', async (importOriginal) => ({
  ...(await importOriginal<typeof CameraScan>()),
  readQrFromVideo: async () => frames.texts.shift() ?? null,
}))

const CARD = '{"type":"cluster-credentials-contact"}'

interface FakeCamera {
  devices: Array<{ kind: string }>
  requests: MediaStreamConstraints[]
  stoppedTracks: number
  refuseWith: string | null
}

let camera: FakeCamera

function installCamera(): void {
  camera = { devices: [{ kind: 'videoinput' }], requests: [], stoppedTracks: 0, refuseWith: null }
  const mediaDevices = {
    enumerateDevices: async () => camera.devices,
    getUserMedia: async (constraints: MediaStreamConstraints) => {
      camera.requests.push(constraints)
      if (camera.refuseWith) throw Object.assign(new Error('refused'), { name: camera.refuseWith })
      const track = { stop: () => void camera.stoppedTracks++ }
      return { getTracks: () => [track] } as unknown as MediaStream
    },
  }
  Object.defineProperty(navigator, 'mediaDevices', { value: mediaDevices, configurable: true })
}

function mountField() {
  const text = ref('')
  const Host = defineComponent(
    () => () =>
      h(TextSourceField, {
        modelValue: text.value,
        'onUpdate:modelValue': (value: string) => (text.value = value),
        label: 'Contact card',
        accept: '.json',
      }),
  )
  const wrapper = mountInDocument(Host)
  return { wrapper, text }
}

/** The channels main was asked, in order, among the scanner's own. */
function scannerCalls(): string[] {
  return fakeApi
    .calls()
    .map((call) => call.channel)
    .filter((channel) => channel.startsWith('handoff.scanner'))
}

describe('camera QR scanner', () => {
  beforeEach(() => {
    fakeApi.reset()
    fakeApi.reply('handoff.scannerOpen', { closesAt: Date.now() + 120_000 })
    fakeApi.reply('handoff.scannerClose', null)
    frames.texts = []
    installCamera()
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    // happy-dom takes only its own MediaStream objects.
    vi.spyOn(HTMLMediaElement.prototype, 'srcObject', 'set').mockImplementation(() => undefined)
  })
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  it('opens the scanner in main, then asks for video only, reads the code into the box and turns the camera off', async () => {
    const { wrapper, text } = mountField()
    await flushPromises()
    frames.texts = [null, CARD]
    await click(buttonNamed('Scan with camera…'))
    expect(document.querySelector('[data-testid="qr-scanner"]')).not.toBeNull()
    await vi.waitFor(() => expect(text.value).toBe(CARD), { timeout: 2000 })
    expect(camera.requests).toEqual([{ audio: false, video: { facingMode: 'environment' } }])
    expect(camera.stoppedTracks).toBe(1)
    expect(scannerCalls()).toEqual(['handoff.scannerOpen', 'handoff.scannerClose'])
    await flushPromises()
    expect(document.querySelector('[data-testid="qr-scanner"]')).toBeNull()
    expect((control('Contact card') as unknown as HTMLTextAreaElement).value).toBe(CARD)
    wrapper.unmount()
  })

  it('"Stop camera" and closing the dialog (unmount) both stop every track and close the scanner in main', async () => {
    const first = mountField()
    await flushPromises()
    await click(buttonNamed('Scan with camera…'))
    await flushPromises()
    await click(buttonNamed('Stop camera'))
    expect(camera.stoppedTracks).toBe(1)
    expect(scannerCalls()).toEqual(['handoff.scannerOpen', 'handoff.scannerClose'])
    expect(document.querySelector('[data-testid="qr-scanner"]')).toBeNull()
    first.wrapper.unmount()

    const second = mountField()
    await flushPromises()
    await click(buttonNamed('Scan with camera…'))
    await flushPromises()
    second.wrapper.unmount()
    expect(camera.stoppedTracks).toBe(2)
    expect(scannerCalls()).toEqual(['handoff.scannerOpen', 'handoff.scannerClose', 'handoff.scannerOpen', 'handoff.scannerClose'])
  })

  it('says so when there is no camera, without asking main or the browser for one', async () => {
    camera.devices = [{ kind: 'audioinput' }]
    const { wrapper } = mountField()
    await flushPromises()
    expect(document.body.textContent).toContain('No camera found')
    await click(buttonNamed('Scan with camera…'))
    expect(document.body.textContent).toContain('No camera found on this computer. Read a QR image or paste the text instead.')
    expect(camera.requests).toEqual([])
    expect(scannerCalls()).toEqual([])
    wrapper.unmount()
  })

  it('explains a refused camera and closes the scanner in main', async () => {
    camera.refuseWith = 'NotAllowedError'
    const { wrapper } = mountField()
    await flushPromises()
    await click(buttonNamed('Scan with camera…'))
    await flushPromises()
    expect(document.body.textContent).toContain('The camera was not allowed.')
    expect(scannerCalls()).toEqual(['handoff.scannerOpen', 'handoff.scannerClose'])
    expect(document.querySelector('[data-testid="qr-scanner"]')).toBeNull()
    wrapper.unmount()
  })
})

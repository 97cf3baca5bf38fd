import { statSync, writeFileSync, chmodSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { makeTempDir } from '../core/testing/tempDir'
import {
  decideDownload,
  handleDownloads,
  isAppBlobUrl,
  restrictSavedFile,
  type DownloadItemLike,
  type DownloadSessionLike,
} from './downloads'

const APP = 'app://cluster-credentials'
const PAGE = `${APP}/index.html#/vault`
const BLOB = `blob:${APP}/6f1d2c1e-8e0a-4b8b-9a57-1c1f6c0a7c11`

describe('which downloads main lets through', () => {
  it('only blob: URLs minted by the app origin', () => {
    expect(isAppBlobUrl(BLOB, APP)).toBe(true)
    expect(isAppBlobUrl('blob:http://localhost:5173/6f1d2c1e', 'http://localhost:5173')).toBe(true)
    for (const url of [
      'blob:https://evil.example/6f1d2c1e',
      'blob:null/6f1d2c1e',
      'blob:app://other-app/6f1d2c1e',
      'blob:app://user@cluster-credentials/6f1d2c1e',
      `${APP}/vault-backup.age`,
      'data:application/octet-stream;base64,AAAA',
      'file:///etc/passwd',
      'https://evil.example/backup.age',
      'not a url',
    ]) {
      expect([url, isAppBlobUrl(url, APP)]).toEqual([url, false])
    }
  })

  it('and only when the app page started them', () => {
    expect(decideDownload({ url: BLOB, pageUrl: PAGE }, APP)).toBe('save')
    expect(decideDownload({ url: BLOB, pageUrl: 'https://evil.example/' }, APP)).toBe('refuse')
    expect(decideDownload({ url: BLOB, pageUrl: null }, APP)).toBe('refuse')
    expect(decideDownload({ url: 'https://evil.example/x', pageUrl: PAGE }, APP)).toBe('refuse')
  })
})

function fakeSession() {
  let listener: Parameters<DownloadSessionLike['on']>[1] | null = null
  const session: DownloadSessionLike = { on: (_event, handler) => (listener = handler) }
  const download = (url: string, pageUrl: string | null) => {
    type Done = (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void
    const item: DownloadItemLike & { prevented: boolean; done: Done | null } = {
      prevented: false,
      done: null,
      getURL: () => url,
      getSavePath: () => '/home/ada/Documents/vault-backup.age',
      once: (_event, handler) => (item.done = handler),
    }
    const event = { preventDefault: () => (item.prevented = true) }
    listener!(event, item, pageUrl === null ? null : { getURL: () => pageUrl })
    return item
  }
  return { session, download }
}

describe('the will-download handler', () => {
  it('cancels a refused download before anything is written and says why in the log', () => {
    const { session, download } = fakeSession()
    const logger = createMemoryLogger()
    const restricted: string[] = []
    handleDownloads(session, APP, logger, async (path) => void restricted.push(path))
    const item = download('https://evil.example/backup.age', PAGE)
    expect(item.prevented).toBe(true)
    expect(item.done).toBeNull()
    expect(logger.lines.join('\n')).toMatch(/download\.refused.*https:/)
    expect(restricted).toEqual([])
  })

  it('lets the app blob through to the OS save dialog, then makes the saved file owner-only', async () => {
    const { session, download } = fakeSession()
    const restricted: string[] = []
    handleDownloads(session, APP, createMemoryLogger(), async (path) => void restricted.push(path))
    const item = download(BLOB, PAGE)
    expect(item.prevented).toBe(false)
    item.done!({}, 'cancelled')
    expect(restricted).toEqual([])
    item.done!({}, 'completed')
    await Promise.resolve()
    expect(restricted).toEqual(['/home/ada/Documents/vault-backup.age'])
  })

  it('logs, without failing the download, when the mode cannot be changed', async () => {
    const { session, download } = fakeSession()
    const logger = createMemoryLogger()
    handleDownloads(session, APP, logger, () => Promise.reject(new Error('EPERM')))
    download(BLOB, PAGE).done!({}, 'completed')
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(logger.lines.join('\n')).toContain('download.restrict_failed')
  })

  it('restrictSavedFile sets 0600 (and leaves Windows to the folder ACLs)', async () => {
    const folder = makeTempDir('cc-download-')
    try {
      const path = join(folder, 'vault-backup.age')
      writeFileSync(path, 'age-encryption.org/v1')
      chmodSync(path, 0o644)
      await restrictSavedFile(path, 'win32')
      expect(statSync(path).mode & 0o777).toBe(0o644)
      await restrictSavedFile(path, 'linux')
      expect(statSync(path).mode & 0o777).toBe(0o600)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

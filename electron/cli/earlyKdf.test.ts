/**
 * The early key derivation only ever changes timing: the core's deriver gets the early
 * key for exactly the request it was started for, and a fresh derivation for anything
 * else (another passphrase, another account's salt), whatever the early look-up found.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { passphraseBytes, readKeyMaterial } from '../core/accounts/keyMaterial'
import { createCore } from '../core/core'
import { FAST_TEST_KDF, deriveKey } from '../core/crypto/kdf'
import { FAST_TEST_PASSWORD_HASHING } from '../core/crypto/passwordHash'
import { loadSodium, type Sodium } from '../core/crypto/sodium'
import { createMemoryLogger } from '../core/log'
import { makeTempDir } from '../core/testing/tempDir'
import { startEarlyKdf } from './earlyKdf'
import Database from 'better-sqlite3'

const EMAIL = 'ada@acme.example'
const PASSPHRASE = 'correct horse battery staple'
let dataDir = ''
let databaseFile = ''
let sodium: Sodium

beforeAll(async () => {
  dataDir = makeTempDir()
  databaseFile = join(dataDir, 'workspace.db')
  sodium = await loadSodium()
  const core = await createCore({ dataDir, kdf: FAST_TEST_KDF, passwordHashing: FAST_TEST_PASSWORD_HASHING, logger: createMemoryLogger() })
  await core.accounts.createWorkspace({ organizationName: 'Acme', displayName: 'Ada', email: EMAIL, passphrase: PASSPHRASE })
  core.close()
})

afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function storedMaterial() {
  const db = new Database(databaseFile, { readonly: true })
  try {
    const { id } = db.prepare('SELECT id FROM accounts WHERE email = ?').get(EMAIL) as { id: string }
    return readKeyMaterial(db, id)
  } finally {
    db.close()
  }
}

const expected = (passphrase: string, salt: Uint8Array) => deriveKey(sodium, passphraseBytes(passphrase), salt, storedMaterial().params)

describe('startEarlyKdf', () => {
  it('starts for a known account and hands the same key the core would derive', async () => {
    const early = startEarlyKdf(databaseFile, ' ADA@acme.example ', PASSPHRASE)
    try {
      expect(early.started).toBe(true)
      const { salt, params } = storedMaterial()
      const key = await early.derive(passphraseBytes(PASSPHRASE), salt, params)
      expect(Buffer.from(key)).toEqual(Buffer.from(expected(PASSPHRASE, salt)))
    } finally {
      await early.close()
    }
  })

  it('derives afresh for any other request: another passphrase or another salt', async () => {
    const early = startEarlyKdf(databaseFile, EMAIL, 'a wrong passphrase typed first')
    try {
      const { salt, params } = storedMaterial()
      const right = await early.derive(passphraseBytes(PASSPHRASE), salt, params)
      expect(Buffer.from(right)).toEqual(Buffer.from(expected(PASSPHRASE, salt)))
      const otherSalt = new Uint8Array(salt.length).fill(7)
      const other = await early.derive(passphraseBytes('a wrong passphrase typed first'), otherSalt, params)
      expect(Buffer.from(other)).toEqual(Buffer.from(expected('a wrong passphrase typed first', otherSalt)))
    } finally {
      await early.close()
    }
  })

  it('does not start for an unknown account or a missing file, and still derives when asked', async () => {
    for (const early of [
      startEarlyKdf(databaseFile, 'nobody@acme.example', PASSPHRASE),
      startEarlyKdf(join(dataDir, 'none.db'), EMAIL, PASSPHRASE),
    ]) {
      try {
        expect(early.started).toBe(false)
        const salt = new Uint8Array(16).fill(1)
        const key = await early.derive(passphraseBytes(PASSPHRASE), salt, storedMaterial().params)
        expect(Buffer.from(key)).toEqual(Buffer.from(expected(PASSPHRASE, salt)))
      } finally {
        await early.close()
      }
    }
  })
})

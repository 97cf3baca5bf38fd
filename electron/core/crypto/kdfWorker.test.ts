/**
 * Argon2id runs in a worker thread: the same key as libsodium on main's thread, main's
 * event loop keeps turning while it runs, and sign-in works through it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadSodium, type Sodium } from './sodium'
import { deriveKey, newKdfSalt, type KdfParams } from './kdf'
import { createWorkerKeyDeriver, type WorkerKeyDeriver } from './kdfWorker'
import { createTestDeps, type TestDeps } from '../testing/testDeps'
import { createOwnerWorkspace, OWNER_PASSPHRASE } from '../testing/fixtures'

let sodium: Sodium
beforeAll(async () => {
  sodium = await loadSodium()
})

const bytes = (text: string) => new TextEncoder().encode(text)
/** Heavy enough that a derivation on main's thread would visibly stall it (OWASP-level memory). */
const HEAVY: KdfParams = { alg: 'argon2id13', opslimit: 2, memlimit: 32 * 1024 * 1024 }

describe('Argon2id in a worker thread', () => {
  let deriver: WorkerKeyDeriver | null = null
  let env: TestDeps | null = null
  afterEach(async () => {
    await deriver?.close()
    deriver = null
    env?.cleanup()
    env = null
  })

  it('derives exactly the key libsodium derives on main, and takes ownership of the passphrase bytes', async () => {
    const worker = (deriver = createWorkerKeyDeriver())
    const salt = newKdfSalt()
    const params: KdfParams = { alg: 'argon2id13', opslimit: 1, memlimit: 8192 }
    const passphrase = bytes('correct horse battery staple')
    const fromWorker = await worker.derive(passphrase, salt, params)
    expect(passphrase.byteLength).toBe(0) // transferred to the worker, which wipes it
    expect(sodium.to_hex(fromWorker)).toBe(sodium.to_hex(deriveKey(sodium, bytes('correct horse battery staple'), salt, params)))
    await expect(worker.derive(bytes('x'), new Uint8Array(3), params)).rejects.toThrow(/salt/)
  })

  it('keeps main\'s event loop turning during a derivation', async () => {
    const worker = (deriver = createWorkerKeyDeriver())
    let turns = 0
    let running = true
    const spin = () => {
      turns += 1
      if (running) setImmediate(spin)
    }
    setImmediate(spin)
    const key = await worker.derive(bytes('a passphrase'), newKdfSalt(), HEAVY)
    running = false
    expect(key).toHaveLength(32)
    // On main's thread the derivation would allow no turn at all until it finished.
    expect(turns).toBeGreaterThan(3)
  })

  it('signs in through the worker (wrong passphrase refused, right one accepted)', async () => {
    env = await createTestDeps()
    const { accounts, owner } = await createOwnerWorkspace(env)
    accounts.signOut()
    await expect(accounts.signIn(owner.account.id, 'not the passphrase at all')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' })
    env.clock.advance(60_000)
    await expect(accounts.signIn(owner.account.id, OWNER_PASSPHRASE)).resolves.toMatchObject({ account: { id: owner.account.id } })
    expect(env.deps.session.accountKey()).toHaveLength(32)
  })

  it('counts parallel wrong attempts one by one: the throttle cannot be raced', async () => {
    env = await createTestDeps()
    const { accounts, owner } = await createOwnerWorkspace(env)
    accounts.signOut()
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, () => accounts.signIn(owner.account.id, 'not the passphrase at all')))
    const codes = attempts.map((attempt) => (attempt.status === 'rejected' ? (attempt.reason as { code: string }).code : 'OK'))
    expect(codes).not.toContain('OK')
    expect(codes).toContain('THROTTLED')
  })
})

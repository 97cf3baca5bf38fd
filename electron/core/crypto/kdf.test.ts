import { beforeAll, describe, expect, it } from 'vitest'
import {
  calibrateKdf,
  chooseKdfParams,
  deriveKey,
  FAST_TEST_KDF,
  KDF_SALT_BYTES,
  newKdfSalt,
  OWASP_MINIMUM,
  PRODUCTION_KDF_POLICY,
  resolveKdfParams,
  type KdfParams,
} from './kdf'
import { loadSodium, type Sodium } from './sodium'

let sodium: Sodium
beforeAll(async () => {
  sodium = await loadSodium()
})

const MiB = 1024 * 1024
const MEMORY_RUNGS_MIB = [256, 128, 64, 19]
const fastParams = (FAST_TEST_KDF as { kind: 'fixed'; params: KdfParams }).params
const bytes = (text: string) => new TextEncoder().encode(text)

describe('deriveKey', () => {
  it('derives 32 bytes, deterministic for the same passphrase, salt and parameters', () => {
    const salt = newKdfSalt()
    const first = deriveKey(sodium, bytes('correct horse battery staple'), salt, fastParams)
    const second = deriveKey(sodium, bytes('correct horse battery staple'), salt, fastParams)
    expect(first).toHaveLength(32)
    expect(sodium.to_hex(first)).toBe(sodium.to_hex(second))
  })

  it('changes with the salt, the passphrase and the parameters', () => {
    const salt = newKdfSalt()
    const base = sodium.to_hex(deriveKey(sodium, bytes('passphrase one'), salt, fastParams))
    expect(sodium.to_hex(deriveKey(sodium, bytes('passphrase one'), newKdfSalt(), fastParams))).not.toBe(base)
    expect(sodium.to_hex(deriveKey(sodium, bytes('passphrase two'), salt, fastParams))).not.toBe(base)
    expect(sodium.to_hex(deriveKey(sodium, bytes('passphrase one'), salt, { ...fastParams, opslimit: 2 }))).not.toBe(base)
  })

  it('uses 16-byte random salts and rejects any other length', () => {
    expect(newKdfSalt()).toHaveLength(KDF_SALT_BYTES)
    expect(sodium.to_hex(newKdfSalt())).not.toBe(sodium.to_hex(newKdfSalt()))
    expect(() => deriveKey(sodium, bytes('x'), new Uint8Array(8), fastParams)).toThrow(/salt/)
  })
})

describe('KDF policies', () => {
  it('production calibrates to ~500 ms and is never the fast test policy', () => {
    expect(PRODUCTION_KDF_POLICY).toEqual({ kind: 'calibrated', targetMs: 500 })
    expect(PRODUCTION_KDF_POLICY).not.toEqual(FAST_TEST_KDF)
    expect(PRODUCTION_KDF_POLICY.kind).not.toBe('fixed')
  })

  it('the fast test policy is far below the OWASP minimum (which is why it is test-only)', () => {
    expect(fastParams.memlimit).toBeLessThan(OWASP_MINIMUM.memlimit)
    expect(OWASP_MINIMUM).toEqual({ alg: 'argon2id13', opslimit: 2, memlimit: 19 * 1024 * 1024 })
  })

  it('a fixed policy resolves to its parameters', async () => {
    await expect(resolveKdfParams(sodium, FAST_TEST_KDF)).resolves.toEqual(fastParams)
  })
})

describe('calibrateKdf', () => {
  it('never goes below the OWASP minimum, even for an impossible target', async () => {
    const progress: number[] = []
    const params = await calibrateKdf(sodium, 1, (fraction) => progress.push(fraction))
    expect(params).toEqual(OWASP_MINIMUM)
    expect(progress[0]).toBe(0)
    expect(progress.at(-1)).toBe(1)
  })

  it('is measured once per process and target, and never below the OWASP minimum', async () => {
    const target = 300
    const params = await calibrateKdf(sodium, target)
    expect(MEMORY_RUNGS_MIB.map((mib) => mib * MiB)).toContain(params.memlimit)
    expect(params.opslimit).toBeGreaterThanOrEqual(OWASP_MINIMUM.opslimit)
    const started = performance.now()
    await expect(calibrateKdf(sodium, target)).resolves.toEqual(params)
    expect(performance.now() - started).toBeLessThan(20)
  })
})

// The choice itself, with a modelled machine instead of the real clock: these hold however
// busy the test machine is. The model: cost linear in memory × passes, `msPerMiBPass` each.
describe('chooseKdfParams', () => {
  const modelledTimer = (msPerMiBPass: number) => async (params: KdfParams) => (params.memlimit / MiB) * params.opslimit * msPerMiBPass

  it('takes the largest memory rung whose two passes fit, then adds passes up to the target', async () => {
    // 19 MiB × 2 passes = 38 ms at 1 ms per MiB-pass; 256 MiB × 2 = 512 ms > 500; 128 MiB × 2 = 256 ms fits.
    const params = await chooseKdfParams(modelledTimer(1), 500)
    expect(params).toEqual({ alg: 'argon2id13', memlimit: 128 * MiB, opslimit: 3 })
  })

  it('adds passes at the minimum rung when only it fits', async () => {
    // 19 MiB: 38 ms per two passes at 1 ms; 64 MiB × 2 = 128 ms > 100.
    const params = await chooseKdfParams(modelledTimer(1), 100)
    expect(params).toEqual({ alg: 'argon2id13', memlimit: 19 * MiB, opslimit: 5 })
  })

  it('steps down when a predicted rung measures slower than predicted', async () => {
    // Larger rungs cost 4× the linear prediction (say, swapping): 256 and 128 MiB miss, 64 MiB fits.
    const timer = async (params: KdfParams) => {
      const linear = (params.memlimit / MiB) * params.opslimit
      return params.memlimit > 64 * MiB ? linear * 4 : linear
    }
    const params = await chooseKdfParams(timer, 500)
    expect(params.memlimit).toBe(64 * MiB)
    expect(params.opslimit).toBe(7)
  })

  it('keeps the OWASP minimum on a machine too slow for the target', async () => {
    await expect(chooseKdfParams(modelledTimer(100), 50)).resolves.toEqual(OWASP_MINIMUM)
  })
})

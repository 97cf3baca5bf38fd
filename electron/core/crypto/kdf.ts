/**
 * Passphrase → key derivation with Argon2id (libsodium crypto_pwhash, ALG_ARGON2ID13).
 *
 * Production calibrates the cost to a target unlock time on the machine that creates the
 * key, never going below the OWASP minimum; the chosen parameters are stored with each
 * wrapped key, so other machines and later versions derive the same key.
 */
import type { Sodium } from './sodium'
import { randomBytes } from './sodium'
import { DERIVED_KEY_BYTES, KDF_SALT_BYTES } from './kdfSizes'

export interface KdfParams {
  alg: 'argon2id13'
  opslimit: number
  /** Bytes. */
  memlimit: number
}

export type KdfPolicy = { kind: 'calibrated'; targetMs: number } | { kind: 'fixed'; params: KdfParams }

const MiB = 1024 * 1024

/** OWASP Password Storage Cheat Sheet minimum for Argon2id: m=19 MiB, t=2, p=1. */
export const OWASP_MINIMUM: KdfParams = { alg: 'argon2id13', opslimit: 2, memlimit: 19 * MiB }

/** What the app uses: ~500 ms on the machine that creates or re-wraps the key. */
export const PRODUCTION_KDF_POLICY: KdfPolicy = { kind: 'calibrated', targetMs: 500 }

/**
 * TEST ONLY. libsodium's smallest legal cost, so suites with many sign-ins stay fast.
 * Far below OWASP_MINIMUM: it must only ever be passed explicitly by tests, never be a default.
 */
export const FAST_TEST_KDF: KdfPolicy = {
  kind: 'fixed',
  params: { alg: 'argon2id13', opslimit: 1, memlimit: 8192 },
}

export { DERIVED_KEY_BYTES, KDF_SALT_BYTES }

/** Memory rungs tried by calibration, largest first; memory-hardness is worth more than iterations. */
const MEMORY_LADDER = [256 * MiB, 128 * MiB, 64 * MiB, 19 * MiB] as const

export function newKdfSalt(): Uint8Array {
  return randomBytes(KDF_SALT_BYTES)
}

/** Derives a 32-byte key. The caller owns the result and must memzero it after use. */
export function deriveKey(sodium: Sodium, passphrase: Uint8Array, salt: Uint8Array, params: KdfParams): Uint8Array {
  if (params.alg !== 'argon2id13') throw new Error(`Unsupported KDF algorithm: ${String(params.alg)}`)
  if (salt.length !== KDF_SALT_BYTES) throw new Error(`KDF salt must be ${KDF_SALT_BYTES} bytes`)
  return sodium.crypto_pwhash(DERIVED_KEY_BYTES, passphrase, salt, params.opslimit, params.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13)
}

/** Fraction of calibration done, 0..1, for a progress indicator. */
export type CalibrationProgress = (fraction: number) => void

const calibrations = new Map<number, Promise<KdfParams>>()

/**
 * Picks Argon2id parameters that take about `targetMs` here: the largest memory rung whose
 * t=2 cost fits the target, then as many passes as still fit. Never below OWASP_MINIMUM.
 * Measured once per process and target; later calls reuse the result.
 */
export function calibrateKdf(sodium: Sodium, targetMs: number, onProgress?: CalibrationProgress): Promise<KdfParams> {
  let calibration = calibrations.get(targetMs)
  if (!calibration) {
    calibration = measureAndChoose(sodium, targetMs, onProgress)
    calibrations.set(targetMs, calibration)
    calibration.catch(() => calibrations.delete(targetMs))
  } else if (onProgress) {
    void calibration.then(() => onProgress(1))
  }
  return calibration
}

/** The concrete parameters a policy stands for on this machine. */
export function resolveKdfParams(sodium: Sodium, policy: KdfPolicy, onProgress?: CalibrationProgress): Promise<KdfParams> {
  if (policy.kind === 'fixed') {
    onProgress?.(1)
    return Promise.resolve(policy.params)
  }
  return calibrateKdf(sodium, policy.targetMs, onProgress)
}

function measureAndChoose(sodium: Sodium, targetMs: number, onProgress?: CalibrationProgress): Promise<KdfParams> {
  return chooseKdfParams((params) => timeDerivation(sodium, params), targetMs, onProgress)
}

/** Times one derivation with the given parameters, in milliseconds. */
export type DerivationTimer = (params: KdfParams) => Promise<number>

/**
 * The calibration's choice, given a way to time a derivation. Separate from the clock so
 * its rules can be tested with fixed timings, whatever the load on the test machine.
 */
export async function chooseKdfParams(
  timeDerivationMs: DerivationTimer,
  targetMs: number,
  onProgress?: CalibrationProgress,
): Promise<KdfParams> {
  const minimumRung = OWASP_MINIMUM.memlimit
  const baseOps = OWASP_MINIMUM.opslimit
  const twoPassCost = async (memlimit: number) => {
    // An untimed single pass first: growing the WASM heap to a new size costs extra once,
    // and that one-off must not be mistaken for the per-pass cost.
    await timeDerivationMs({ alg: 'argon2id13', opslimit: 1, memlimit })
    return timeDerivationMs({ alg: 'argon2id13', opslimit: baseOps, memlimit })
  }
  onProgress?.(0)
  // Argon2id's cost is close to linear in memory × passes, so one cheap run at the minimum
  // predicts the others; the chosen rung is then measured for real.
  const baselineMs = await twoPassCost(minimumRung)
  onProgress?.(0.2)
  const perMiBMs = baselineMs / (minimumRung / MiB)
  let rungIndex = MEMORY_LADDER.findIndex((memlimit) => memlimit === minimumRung || perMiBMs * (memlimit / MiB) <= targetMs)
  let memlimit: number = MEMORY_LADDER[rungIndex]!
  let twoPassMs = memlimit === minimumRung ? baselineMs : await twoPassCost(memlimit)
  // The prediction can be optimistic: step down until a measured rung fits.
  while (twoPassMs > targetMs && memlimit !== minimumRung) {
    rungIndex += 1
    memlimit = MEMORY_LADDER[rungIndex]!
    twoPassMs = memlimit === minimumRung ? baselineMs : await twoPassCost(memlimit)
  }
  onProgress?.(0.9)
  const perPassMs = twoPassMs / baseOps
  // Round down so the target is approached from below; never fewer passes than the minimum.
  const opslimit = Math.max(baseOps, Math.floor(targetMs / Math.max(perPassMs, 0.001)))
  onProgress?.(1)
  return { alg: 'argon2id13', opslimit, memlimit }
}

async function timeDerivation(sodium: Sodium, params: KdfParams): Promise<number> {
  // Yield first so a progress update can reach the window before the CPU-bound run.
  await new Promise<void>((resolveTurn) => setImmediate(resolveTurn))
  const passphrase = randomBytes(16)
  const started = performance.now()
  const derived = deriveKey(sodium, passphrase, newKdfSalt(), params)
  const elapsedMs = performance.now() - started
  sodium.memzero(derived)
  return elapsedMs
}

/**
 * Argon2id off main's thread. Deriving a key from a passphrase costs about half a second
 * of CPU by design; run on main's thread it would freeze every window for that long. A
 * worker_thread runs libsodium's crypto_pwhash instead, so main keeps answering (and the
 * window keeps painting "Unlocking…").
 *
 * The worker is a small CommonJS script evaluated from a string, so it needs no separate
 * bundle entry in electron-vite and runs unchanged under vitest; it loads the same
 * libsodium build main uses, by resolved path. The passphrase bytes are transferred (not
 * copied) to the worker, which wipes them; the derived key is transferred back.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { KdfParams } from './kdf'
import { DERIVED_KEY_BYTES, KDF_SALT_BYTES } from './kdfSizes'

/** Derives a 32-byte key; the caller owns it and must memzero it. Owns and wipes `passphrase`. */
export type KeyDeriver = (passphrase: Uint8Array, salt: Uint8Array, params: KdfParams) => Promise<Uint8Array>

export interface WorkerKeyDeriver {
  derive: KeyDeriver
  /**
   * Starts the worker now (it loads libsodium), idle until the first derive and not keeping
   * the process alive: for a caller that knows a derivation is coming (the command line).
   */
  warmUp(): void
  /** Stops the worker (shutdown); a later derive starts a new one. */
  close(): Promise<void>
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const sodium = require(workerData.sodiumPath)
parentPort.on('message', async (job) => {
  try {
    await sodium.ready
    const key = sodium.crypto_pwhash(job.keyBytes, job.passphrase, job.salt, job.opslimit, job.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13)
    parentPort.postMessage({ id: job.id, key }, [key.buffer])
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: error && error.message ? String(error.message) : 'derivation failed' })
  } finally {
    sodium.memzero(job.passphrase)
  }
})
`

interface Pending {
  resolve(key: Uint8Array): void
  reject(error: Error): void
}

export function createWorkerKeyDeriver(): WorkerKeyDeriver {
  const sodiumPath = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo')
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<number, Pending>()

  const failAll = (error: Error) => {
    for (const job of pending.values()) job.reject(error)
    pending.clear()
    worker = null
  }

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath } })
    started.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
      const job = pending.get(message.id)
      if (!job) return
      pending.delete(message.id)
      if (message.key) job.resolve(new Uint8Array(message.key.buffer, message.key.byteOffset, message.key.byteLength))
      else job.reject(new Error(`Key derivation failed: ${message.error ?? 'unknown'}`))
      if (pending.size === 0) started.unref()
    })
    started.on('error', (error) => failAll(error))
    started.on('exit', (code) => failAll(new Error(`The key derivation worker stopped (exit ${code}).`)))
    return started
  }

  return {
    warmUp() {
      worker ??= start()
      if (pending.size === 0) worker.unref()
    },
    derive(passphrase, salt, params) {
      if (params.alg !== 'argon2id13') return Promise.reject(new Error(`Unsupported KDF algorithm: ${String(params.alg)}`))
      if (salt.length !== KDF_SALT_BYTES) return Promise.reject(new Error(`KDF salt must be ${KDF_SALT_BYTES} bytes`))
      worker ??= start()
      // While a derivation runs, the worker keeps the process alive; idle, it does not.
      worker.ref()
      const id = nextId++
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject })
        const job = {
          id,
          passphrase,
          salt: salt.slice(),
          opslimit: params.opslimit,
          memlimit: params.memlimit,
          keyBytes: DERIVED_KEY_BYTES,
        }
        worker!.postMessage(job, [passphrase.buffer as ArrayBuffer])
      })
    },
    async close() {
      const running = worker
      worker = null
      if (running) await running.terminate()
    },
  }
}

/**
 * libsodium, loaded once. The sumo build is required: only it has crypto_pwhash (Argon2id).
 */
import sodiumModule from 'libsodium-wrappers-sumo'

export type Sodium = typeof sodiumModule

let ready: Promise<Sodium> | null = null

export function loadSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule)
  return ready
}

/** Nonces and salts: crypto.getRandomValues is a CSPRNG and ~100x cheaper per call than randombytes_buf in WASM. */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  return bytes
}

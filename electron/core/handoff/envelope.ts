/**
 * The handoff file: an armored age file (one X25519 recipient) whose plaintext is this
 * versioned JSON envelope:
 *
 *   { "type": "cluster-credentials-handoff", "version": 1,
 *     "payload": { id, createdAt, expiresAt, sender: <contact card>, recipient: "age1…",
 *                  credential: { cluster, clusterId, endpoint, username, role, password },
 *                  note },
 *     "signature": base64(Ed25519(SIGNING_CONTEXT + canonicalJson(payload))) }
 *
 * age is anonymous (anyone can encrypt to a recipient), so the sender signs the payload
 * with the Ed25519 key of their card, inside the encryption. README documents the format.
 */
import type { armor as AgeArmor } from 'age-encryption'
import { z } from 'zod'
import { CLUSTER_ROLES, LIMITS } from '@shared/domain'
import type { Sodium } from '../crypto/sodium'
import { loadAge } from '../lazyLibraries'
import { x25519Identity, x25519Recipient } from './ageX25519'
import { canonicalJson } from './canonical'
import { AGE_RECIPIENT_PATTERN, cardToJson, parseCardJson, type ContactCard } from './identity'

export const ENVELOPE_TYPE = 'cluster-credentials-handoff'
export const ENVELOPE_VERSION = 1
/** `credential.clusterId` of a vault entry whose cluster is not in the sender's workspace. */
export const OUTSIDE_WORKSPACE_CLUSTER_ID = 'outside-this-workspace'
/** Domain separation: a signature over a handoff can never be mistaken for one over anything else. */
export const SIGNING_CONTEXT = 'cluster-credentials-handoff/v1\n'

export interface HandoffCredential {
  cluster: string
  clusterId: string
  endpoint: string
  username: string
  /** Null when the sender does not know it (a vault entry for a cluster outside their workspace). */
  role: (typeof CLUSTER_ROLES)[number] | null
  password: string
}

export interface HandoffPayload {
  id: string
  createdAt: string
  expiresAt: string
  sender: ContactCard
  recipient: string
  credential: HandoffCredential
  note: string | null
}

const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)

const payloadSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: isoTime,
  expiresAt: isoTime,
  sender: z.unknown(),
  recipient: z.string().regex(AGE_RECIPIENT_PATTERN),
  credential: z.strictObject({
    cluster: z.string().min(1).max(200),
    clusterId: z.string().min(1).max(64),
    endpoint: z.string().max(512),
    username: z.string().min(1).max(64),
    role: z.enum(CLUSTER_ROLES).nullable(),
    password: z.string().min(1).max(256),
  }),
  note: z.string().max(LIMITS.handoffNoteMaxLength).nullable(),
})

const envelopeSchema = z.strictObject({
  type: z.literal(ENVELOPE_TYPE),
  version: z.literal(ENVELOPE_VERSION),
  payload: payloadSchema,
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
})

function payloadJson(payload: HandoffPayload) {
  return {
    id: payload.id,
    createdAt: payload.createdAt,
    expiresAt: payload.expiresAt,
    sender: cardToJson(payload.sender),
    recipient: payload.recipient,
    credential: { ...payload.credential },
    note: payload.note,
  }
}

function signedBytes(payload: HandoffPayload): Uint8Array {
  return new TextEncoder().encode(SIGNING_CONTEXT + canonicalJson(payloadJson(payload)))
}

/** Signs the payload and encrypts the envelope to `payload.recipient`; returns the armored age file. */
export async function sealEnvelope(sodium: Sodium, payload: HandoffPayload, signingSecretKey: Uint8Array): Promise<string> {
  const message = signedBytes(payload)
  const signature = sodium.crypto_sign_detached(message, signingSecretKey)
  sodium.memzero(message)
  const envelope = canonicalJson({
    type: ENVELOPE_TYPE,
    version: ENVELOPE_VERSION,
    payload: payloadJson(payload),
    signature: Buffer.from(signature).toString('base64'),
  })
  const { Encrypter, Stanza, armor } = await loadAge()
  const encrypter = new Encrypter()
  encrypter.addRecipient(x25519Recipient(sodium, Stanza, payload.recipient))
  return armor.encode(await encrypter.encrypt(envelope))
}

export type OpenFailure = 'tampered' | 'not_for_me' | 'bad_signature'
export type OpenResult = { ok: true; payload: HandoffPayload } | { ok: false; reason: OpenFailure }

/**
 * Decrypts and checks an armored handoff: intact armor, decrypts with `ageIdentity`,
 * a well-formed envelope, addressed to `ownRecipient`, signed by its sender card's key.
 * Expiry, replay and whether the sender is known are the caller's rules.
 */
export async function openEnvelope(sodium: Sodium, text: string, ageIdentity: string, ownRecipient: string): Promise<OpenResult> {
  const { Decrypter, armor } = await loadAge()
  const bytes = strictArmorDecode(armor, text)
  if (!bytes) return { ok: false, reason: 'tampered' }
  const decrypter = new Decrypter()
  const identity = x25519Identity(sodium, ageIdentity)
  decrypter.addIdentity(identity)
  let plaintext: string
  try {
    plaintext = await decrypter.decrypt(bytes, 'text')
  } catch (error) {
    // age says "no identity matched" when no recipient stanza is ours; anything else
    // (header MAC, payload authentication, malformed header) is damage.
    return { ok: false, reason: /no identity matched/i.test(String(error)) ? 'not_for_me' : 'tampered' }
  } finally {
    identity.wipe()
  }
  let parsedJson: unknown
  try {
    parsedJson = JSON.parse(plaintext)
  } catch {
    return { ok: false, reason: 'tampered' }
  }
  const parsed = envelopeSchema.safeParse(parsedJson)
  if (!parsed.success) return { ok: false, reason: 'tampered' }
  const sender = parseCardJson(parsed.data.payload.sender)
  if (!sender) return { ok: false, reason: 'tampered' }
  const payload: HandoffPayload = { ...parsed.data.payload, sender }
  if (Number.isNaN(Date.parse(payload.createdAt)) || Number.isNaN(Date.parse(payload.expiresAt))) return { ok: false, reason: 'tampered' }
  const signature = new Uint8Array(Buffer.from(parsed.data.signature, 'base64'))
  if (!sodium.crypto_sign_verify_detached(signature, signedBytes(payload), sender.signingPublicKey)) {
    return { ok: false, reason: 'bad_signature' }
  }
  // Checked after the signature: a signed envelope naming someone else was re-encrypted to us.
  if (payload.recipient !== ownRecipient) return { ok: false, reason: 'not_for_me' }
  return { ok: true, payload }
}

/**
 * The armor exactly as age writes it (the trailing newline may be lost by copy and paste):
 * lenient decoders accept stray whitespace, and a handoff changed in any byte must be refused.
 */
function strictArmorDecode(armor: typeof AgeArmor, text: string): Uint8Array | null {
  let bytes: Uint8Array
  try {
    bytes = armor.decode(text)
  } catch {
    return null
  }
  const canonical = armor.encode(bytes)
  return text === canonical || `${text}\n` === canonical ? bytes : null
}

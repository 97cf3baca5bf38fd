/**
 * BENCH ONLY: writes a KeePass KDBX 4 database with exactly the Argon2id parameters we
 * choose. keepassxc-cli can only pick Argon2 parameters by a decryption-time target (and
 * with its own memory and thread count), so the peer benchmark writes the file itself:
 * KDBX 4.0, AES-256-CBC, gzip, Argon2id (version 0x13) with the given iterations, memory
 * and parallelism 1 (libsodium's only setting), an HMAC-SHA256 block stream, and
 * passwords protected with the ChaCha20 inner stream, as KeePassXC writes them. The key
 * is a password only. keepassxc-cli reading the file back is the check that it is right.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { Sodium } from '../../../electron/core/crypto/sodium'

export interface KdbxArgon2id {
  /** Passes (libsodium's opslimit). */
  iterations: number
  /** Bytes (libsodium's memlimit). */
  memoryBytes: number
}

export interface KdbxEntry {
  title: string
  username: string
  password: string
  url: string
  notes: string
  tags: string[]
}

const SIGNATURE_1 = 0x9aa2d903
const SIGNATURE_2 = 0xb54bfb67
const VERSION_4_0 = 0x00040000
const AES256_CBC = Buffer.from('31c1f2e6bf714350be5805216afc5aff', 'hex')
const ARGON2ID = Buffer.from('9e298b1956db4773b23dfc3ec6f0a1e6', 'hex')
const CHACHA20_STREAM = 3
const BLOCK_SIZE = 1024 * 1024

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32LE(value)
  return bytes
}

function u64(value: bigint): Buffer {
  const bytes = Buffer.alloc(8)
  bytes.writeBigUInt64LE(value)
  return bytes
}

function field(id: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([id]), u32(data.length), data])
}

/** KeePass's VariantDictionary (version 1.0) of the KDF parameters. */
function variantDictionary(items: Array<{ type: number; key: string; value: Buffer }>): Buffer {
  const parts: Buffer[] = [Buffer.from([0x00, 0x01])]
  for (const item of items) {
    const key = Buffer.from(item.key, 'utf8')
    parts.push(Buffer.from([item.type]), u32(key.length), key, u32(item.value.length), item.value)
  }
  parts.push(Buffer.from([0x00]))
  return Buffer.concat(parts)
}

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest()
const sha512 = (...parts: Buffer[]) => createHash('sha512').update(Buffer.concat(parts)).digest()
const blockKey = (hmacBase: Buffer, index: bigint) => sha512(u64(index), hmacBase)

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** KDBX 4 times: seconds since 0001-01-01 as a little-endian int64, base64. */
function kdbxTime(ms: number): string {
  return u64(BigInt(Math.floor(ms / 1000)) + 62_135_596_800n).toString('base64')
}

function entriesXml(entries: readonly KdbxEntry[], protect: (password: string) => string): string {
  const now = kdbxTime(Date.now())
  const times = `<Times><CreationTime>${now}</CreationTime><LastModificationTime>${now}</LastModificationTime><LastAccessTime>${now}</LastAccessTime><ExpiryTime>${now}</ExpiryTime><Expires>False</Expires><UsageCount>0</UsageCount><LocationChanged>${now}</LocationChanged></Times>`
  const body = entries.map((entry) =>
    [
      '<Entry>',
      `<UUID>${randomBytes(16).toString('base64')}</UUID>`,
      `<Tags>${xmlText(entry.tags.join(';'))}</Tags>`,
      times,
      `<String><Key>Title</Key><Value>${xmlText(entry.title)}</Value></String>`,
      `<String><Key>UserName</Key><Value>${xmlText(entry.username)}</Value></String>`,
      `<String><Key>Password</Key><Value Protected="True">${protect(entry.password)}</Value></String>`,
      `<String><Key>URL</Key><Value>${xmlText(entry.url)}</Value></String>`,
      `<String><Key>Notes</Key><Value>${xmlText(entry.notes)}</Value></String>`,
      '</Entry>',
    ].join(''),
  )
  return [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
    '<KeePassFile><Meta><Generator>cluster-credentials bench:peer</Generator><DatabaseName>bench</DatabaseName>',
    '<MemoryProtection><ProtectTitle>False</ProtectTitle><ProtectUserName>False</ProtectUserName><ProtectPassword>True</ProtectPassword>',
    '<ProtectURL>False</ProtectURL><ProtectNotes>False</ProtectNotes></MemoryProtection></Meta>',
    `<Root><Group><UUID>${randomBytes(16).toString('base64')}</UUID><Name>Root</Name>${times}<IsExpanded>True</IsExpanded>`,
    ...body,
    '</Group><DeletedObjects/></Root></KeePassFile>',
  ].join('\n')
}

/** The whole .kdbx file. Argon2id runs once here, through libsodium (the same function KeePassXC's libargon2 computes). */
export function writeKdbx(sodium: Sodium, password: string, kdf: KdbxArgon2id, entries: readonly KdbxEntry[]): Buffer {
  const masterSeed = randomBytes(32)
  const iv = randomBytes(16)
  // 16 bytes: libsodium's salt size; KeePassXC accepts 8 to 32.
  const salt = randomBytes(16)
  const kdfParameters = variantDictionary([
    { type: 0x42, key: '$UUID', value: ARGON2ID },
    { type: 0x42, key: 'S', value: salt },
    { type: 0x04, key: 'P', value: u32(1) },
    { type: 0x05, key: 'M', value: u64(BigInt(kdf.memoryBytes)) },
    { type: 0x05, key: 'I', value: u64(BigInt(kdf.iterations)) },
    { type: 0x04, key: 'V', value: u32(0x13) },
  ])
  const header = Buffer.concat([
    u32(SIGNATURE_1),
    u32(SIGNATURE_2),
    u32(VERSION_4_0),
    field(2, AES256_CBC),
    field(3, u32(1)),
    field(4, masterSeed),
    field(7, iv),
    field(11, kdfParameters),
    field(0, Buffer.from('\r\n\r\n')),
  ])

  const compositeKey = sha256(sha256(Buffer.from(password, 'utf8')))
  const transformed = Buffer.from(
    sodium.crypto_pwhash(32, compositeKey, salt, kdf.iterations, kdf.memoryBytes, sodium.crypto_pwhash_ALG_ARGON2ID13),
  )
  const cipherKey = sha256(masterSeed, transformed)
  const hmacBase = sha512(masterSeed, transformed, Buffer.from([0x01]))

  // Protected values are XORed, in document order, with one ChaCha20 stream keyed from the inner header.
  const streamKey = randomBytes(64)
  const streamSeed = sha512(streamKey)
  const stream = createCipheriv('chacha20', streamSeed.subarray(0, 32), Buffer.concat([Buffer.alloc(4), streamSeed.subarray(32, 44)]))
  const protect = (value: string) => stream.update(Buffer.from(value, 'utf8')).toString('base64')
  const xml = Buffer.from(entriesXml(entries, protect), 'utf8')
  const innerHeader = Buffer.concat([field(1, u32(CHACHA20_STREAM)), field(2, streamKey), field(0, Buffer.alloc(0))])

  const cipher = createCipheriv('aes-256-cbc', cipherKey, iv)
  const encrypted = Buffer.concat([cipher.update(gzipSync(Buffer.concat([innerHeader, xml]))), cipher.final()])
  const blocks: Buffer[] = []
  let index = 0n
  for (let offset = 0; ; offset += BLOCK_SIZE) {
    const data = encrypted.subarray(offset, offset + BLOCK_SIZE)
    const mac = createHmac('sha256', blockKey(hmacBase, index))
      .update(Buffer.concat([u64(index), u32(data.length), data]))
      .digest()
    blocks.push(mac, u32(data.length), data)
    index += 1n
    if (data.length === 0) break
  }
  const headerHmac = createHmac('sha256', blockKey(hmacBase, 0xffffffffffffffffn)).update(header).digest()
  return Buffer.concat([header, sha256(header), headerHmac, ...blocks])
}

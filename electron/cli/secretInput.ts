/**
 * Where the command line reads passphrases and typed passwords from: a no-echo prompt on
 * the terminal, a file descriptor (`--passphrase-fd 3`, e.g. from a password manager's
 * pipe) or a file (`--passphrase-file F`). Never an argument or an environment variable:
 * both are visible to other users through `ps` and /proc. The first line is the secret;
 * a trailing CR/LF is not part of it.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { AppError } from '@shared/errors'

/** Enough for any passphrase the contract accepts; more is refused, not truncated. */
const MAX_SECRET_BYTES = 8 * 1024

export type SecretSource =
  | { kind: 'fd'; fd: number }
  | { kind: 'file'; path: string }
  /** `hint` says which options replace the prompt when there is no terminal. */
  | { kind: 'prompt'; prompt: string; hint?: string }

export class PromptInterrupted extends Error {
  constructor() {
    super('Interrupted at the prompt.')
    this.name = 'PromptInterrupted'
  }
}

export async function readSecret(source: SecretSource, what: string): Promise<string> {
  if (source.kind === 'prompt')
    return promptHidden(source.prompt, what, source.hint ?? 'Use --passphrase-fd <n> or --passphrase-file <path>.')
  const fd = source.kind === 'fd' ? source.fd : openFile(source.path, what)
  try {
    return firstLine(readAll(fd, what), what)
  } finally {
    if (source.kind === 'file') closeSync(fd)
  }
}

function openFile(path: string, what: string): number {
  try {
    return openSync(path, 'r')
  } catch {
    throw new AppError('INVALID_INPUT', `Cannot read the ${what} file "${path}".`)
  }
}

function readAll(fd: number, what: string): Buffer {
  const chunks: Buffer[] = []
  let total = 0
  const chunk = Buffer.alloc(4096)
  try {
    for (;;) {
      let read: number
      try {
        read = readSync(fd, chunk, 0, chunk.length, null)
      } catch (error) {
        const code = (error as { code?: unknown }).code
        // A non-blocking pipe with nothing yet: wait a moment instead of spinning.
        if (code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
          continue
        }
        if (code === 'EOF') break
        throw new AppError('INVALID_INPUT', `Cannot read the ${what} from file descriptor ${fd}.`)
      }
      if (read === 0) break
      total += read
      if (total > MAX_SECRET_BYTES) throw new AppError('INVALID_INPUT', `The ${what} input is longer than ${MAX_SECRET_BYTES} bytes.`)
      chunks.push(Buffer.from(chunk.subarray(0, read)))
      if (chunk.subarray(0, read).includes(0x0a)) break
    }
    return Buffer.concat(chunks)
  } finally {
    chunk.fill(0)
    for (const part of chunks) part.fill(0)
  }
}

function firstLine(bytes: Buffer, what: string): string {
  try {
    const end = bytes.indexOf(0x0a)
    let line = end === -1 ? bytes : bytes.subarray(0, end)
    if (line.at(-1) === 0x0d) line = line.subarray(0, line.length - 1)
    const text = new TextDecoder('utf-8', { fatal: true }).decode(line)
    if (text === '') throw new AppError('INVALID_INPUT', `The ${what} input is empty.`)
    return text
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('INVALID_INPUT', `The ${what} input is not valid UTF-8.`)
  } finally {
    bytes.fill(0)
  }
}

/** Reads a line from the terminal without echoing it; Ctrl-C aborts. */
function promptHidden(prompt: string, what: string, hint: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) return Promise.reject(new AppError('INVALID_INPUT', `No ${what}: standard input is not a terminal. ${hint}`))
  // Echo goes off before the prompt appears: whatever is typed once it is visible stays hidden.
  input.setRawMode(true)
  process.stderr.write(prompt)
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (result: () => void) => {
      input.setRawMode(false)
      input.pause()
      input.off('data', onData)
      process.stderr.write('\n')
      result()
    }
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed))
        if (char === '\u0003') return finish(() => reject(new PromptInterrupted()))
        if (char === '\u0004' && typed === '') return finish(() => reject(new PromptInterrupted()))
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1)
        else if (char >= ' ') typed += char
      }
      data.fill(0)
    }
    input.resume()
    input.on('data', onData)
  })
}

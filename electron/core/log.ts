/**
 * Structured logger for main. Events are fixed names plus small fields; fields whose
 * names look secret are replaced before anything is written, as a second line of
 * defence behind "never pass secrets to the logger".
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

const SECRET_FIELD = /pass|secret|token|key|code|ticket|plaintext/i

export function redact(fields: LogFields = {}): LogFields {
  const safe: LogFields = {}
  for (const [name, value] of Object.entries(fields)) safe[name] = SECRET_FIELD.test(name) ? '[redacted]' : value
  return safe
}

export interface LogSink {
  write(line: string): void
}

export function createLogger(sink: LogSink, minLevel: LogLevel = 'info', now: () => number = Date.now): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
  const emit = (level: LogLevel) => (event: string, fields?: LogFields) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return
    sink.write(JSON.stringify({ at: new Date(now()).toISOString(), level, event, ...redact(fields) }))
  }
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') }
}

/** Collects lines in memory; used by tests to assert that nothing secret was logged. */
export function createMemoryLogger(minLevel: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = []
  return Object.assign(createLogger({ write: (line) => lines.push(line) }, minLevel), { lines })
}

/** Writes to stderr; the Electron glue points this at a file in the data dir instead. */
export const stderrSink: LogSink = { write: (line) => process.stderr.write(line + '\n') }

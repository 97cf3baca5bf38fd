/**
 * What the command line prints: aligned tables and plain lines for people, one JSON
 * document on stdout for scripts (`--json`), and errors as `error: <CODE>: <message>` on
 * stderr (or a JSON error document with `--json`). Secrets are printed only on stdout.
 */
import type { AppErrorPayload } from '@shared/errors'

export interface Output {
  readonly json: boolean
  /** Whether a human is reading stdout (a TTY), which decides how new secrets are shown. */
  readonly stdoutIsTty: boolean
  line(text?: string): void
  table(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): void
  document(value: unknown): void
  error(error: AppErrorPayload): void
}

export function createOutput(options: { json: boolean; stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream }): Output {
  const stdout = options.stdout ?? process.stdout
  const stderr = options.stderr ?? process.stderr
  return {
    json: options.json,
    stdoutIsTty: Boolean(stdout.isTTY),
    line: (text = '') => void stdout.write(`${text}\n`),
    table: (columns, rows) => void stdout.write(formatTable(columns, rows)),
    document: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    error: (error) => {
      if (options.json) stderr.write(`${JSON.stringify({ error: { code: error.code, message: error.message, ...fieldsOf(error) } })}\n`)
      else stderr.write(`error: ${error.code}: ${error.message}\n`)
    },
  }
}

function fieldsOf(error: AppErrorPayload): Partial<AppErrorPayload> {
  return {
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
  }
}

export function formatTable(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  if (rows.length === 0) return '(none)\n'
  // Plain loops: `vault list` prints tens of thousands of cells.
  const widths = columns.map((column) => column.length)
  for (const row of rows) {
    for (let index = 0; index < widths.length; index += 1) {
      const length = (row[index] ?? '').length
      if (length > widths[index]!) widths[index] = length
    }
  }
  const last = columns.length - 1
  const render = (cells: ReadonlyArray<string>) => {
    let line = ''
    for (let index = 0; index < last; index += 1) line += `${(cells[index] ?? '').padEnd(widths[index]!)}  `
    return `${line}${cells[last] ?? ''}`.trimEnd()
  }
  const lines = [render(columns), render(widths.map((width) => '-'.repeat(width)))]
  for (const row of rows) lines.push(render(row))
  return `${lines.join('\n')}\n`
}

/** Timestamps for people: local ISO-like date and time to the second. */
export function formatTime(ms: number | null): string {
  if (ms === null) return ''
  const date = new Date(ms)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

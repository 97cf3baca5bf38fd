/**
 * RFC 4180 CSV with spreadsheet formula injection neutralised: a cell that a spreadsheet
 * would evaluate (starting with = + - @, or a tab/CR that hides such a start) gets a
 * leading apostrophe, per OWASP's CSV injection guidance. A text cell that starts with an
 * apostrophe gets one more, so the escape can be undone exactly: drop one leading
 * apostrophe from any text cell that has one (docs/audit-csv.md relies on this).
 */
const FORMULA_START = /^[=+\-@\t\r']/
const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let cell = String(value)
  if (typeof value === 'string' && FORMULA_START.test(cell)) cell = `'${cell}`
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}

export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return values.map(csvCell).join(',')
}

/**
 * Canonical JSON for signatures: object keys sorted by UTF-16 code unit, no whitespace,
 * strings and numbers as JSON.stringify writes them. The values signed here are only
 * objects, strings, safe integers and null, so this matches RFC 8785 (JCS) for them and
 * any tool can rebuild the same bytes from the parsed envelope.
 */
export type CanonicalValue = string | number | null | CanonicalValue[] | { [key: string]: CanonicalValue }

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('canonical JSON carries safe integers only')
    return String(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`
}

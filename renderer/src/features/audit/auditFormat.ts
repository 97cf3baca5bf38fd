/** Display helpers of the audit page: times to the second, and what a chain check found, in words. */
import type { AuditVerification } from '@shared/ipc/contract'

const dateTimeWithSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** Audit times are shown to the second: several rows often fall in one minute. */
export function formatAuditTime(ms: number): string {
  return dateTimeWithSeconds.format(new Date(ms))
}

/**
 * A `datetime-local` value ("2026-12-02T04:43:27"; browsers leave out ":00" seconds) as
 * milliseconds, local time; `endOfSecond` moves it past that second, so an "until" bound
 * includes the second shown. Null for an empty or unreadable value.
 */
export function parseLocalDateTime(value: string, endOfSecond = false): number | null {
  if (!value) return null
  const ms = new Date(value).getTime()
  if (Number.isNaN(ms) || ms < 0) return null
  if (!endOfSecond) return ms
  return ms + 1000
}

/** One sentence on the keyed head, or null when there is nothing to say. */
export function describeAnchor(result: AuditVerification): string | null {
  const { status, rowId } = result.anchor
  switch (status) {
    case 'verified':
      return result.unkeyedRows
        ? `The keyed head vouches for rows up to #${rowId}; the ${result.unkeyedRows} newer rows were written while nobody holding the audit key was signed in.`
        : `The keyed head vouches for every row up to #${rowId}.`
    case 'not_checked':
      return 'Your account holds no audit key, so the keyed head was not checked.'
    case 'broken':
      return `The keyed head does not match: rows up to #${rowId} were rewritten, removed or the log was replaced.`
    case 'missing':
      return 'The keyed head of this workspace is missing: the log was replaced.'
    case 'none':
      return null
  }
}

/** One sentence on a receipt check, or null when no receipt was given. */
export function describeReceipt(result: AuditVerification): string | null {
  if (!result.receipt) return null
  const { rowId, status } = result.receipt
  switch (status) {
    case 'matches':
      return `The receipt for row #${rowId} matches: history up to it is unchanged.`
    case 'mismatch':
      return `The receipt for row #${rowId} does not match: history up to it was changed.`
    case 'missing':
      return `Row #${rowId} of the receipt is no longer in the log: rows were removed.`
    case 'not_checked':
      return `The chain is broken before row #${rowId}, so the receipt could not be checked.`
  }
}

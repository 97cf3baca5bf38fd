/** A clock tests move by hand, for throttling and expiry. Pass it wherever CoreDeps wants `clock`. */
export type ManualClock = (() => number) & {
  advance(ms: number): void
  set(at: number): void
}

/** Starts at 2026-01-01T00:00:00Z unless told otherwise. */
export function createManualClock(start: number = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start
  return Object.assign(() => now, {
    advance(ms: number) {
      now += ms
    },
    set(at: number) {
      now = at
    },
  })
}

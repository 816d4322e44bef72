import type { DevClock } from "./model.js";

/**
 * The dev tenant's clock: wall time plus an offset that only moves forward. Directory semantics (delta token
 * age) and the calendar half use it; access tokens deliberately use wall time because the product validates
 * `exp`/`nbf` against its own real clock.
 */
export function createDevClock(now: () => number = Date.now): DevClock {
  let offsetMs = 0;
  return {
    now: () => now() + offsetMs,
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The dev clock only moves forward; got ${ms} ms`);
      offsetMs += ms;
    },
  };
}

// Time as a dependency: use cases never call Date.now() directly, so tests can move time.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

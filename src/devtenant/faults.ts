// Fault injection for the Graph endpoints: random 429 (with Retry-After) and 503, added latency, and Exchange's
// per-mailbox concurrency limit. All randomness comes from a seeded PRNG, so a fault sequence is reproducible.
import { createRng, deriveSeed, type Rng } from "./rng.js";

export interface FaultConfig {
  /** Probability (0..1) that a Graph request is answered 429 TooManyRequests. */
  throttleRate: number;
  /** Retry-After (seconds, may be fractional like Graph's 2.128) sent with injected 429 and 503 answers. */
  retryAfterSeconds: number;
  /** Probability (0..1) that a Graph request is answered 503 Service Unavailable. */
  unavailableRate: number;
  /** Added latency per Graph request, uniformly within [min, max] milliseconds. */
  latencyMs: [number, number];
  /** Concurrent requests allowed per mailbox (Exchange: 4); one more is answered 429 ApplicationThrottled. */
  mailboxConcurrency: number;
}

export const DEFAULT_FAULTS: Readonly<FaultConfig> = Object.freeze({
  throttleRate: 0,
  retryAfterSeconds: 2,
  unavailableRate: 0,
  latencyMs: [0, 0] as [number, number],
  mailboxConcurrency: 4,
});

export class FaultConfigError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "FaultConfigError";
  }
}

const KNOWN = new Set(Object.keys(DEFAULT_FAULTS));

/** Validates a partial fault config from untrusted input (e.g. PUT /dev/faults); errors name the field. */
export function parseFaultConfig(input: unknown): Partial<FaultConfig> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new FaultConfigError("body", "must be a JSON object");
  const out: Partial<FaultConfig> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!KNOWN.has(key)) throw new FaultConfigError(key, `unknown fault setting (known: ${[...KNOWN].join(", ")})`);
    switch (key) {
      case "throttleRate":
      case "unavailableRate":
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw new FaultConfigError(key, "must be a number from 0 to 1");
        out[key] = value;
        break;
      case "retryAfterSeconds":
        if (typeof value !== "number" || !(value >= 0 && value <= 3600)) throw new FaultConfigError(key, "must be a number of seconds from 0 to 3600");
        out.retryAfterSeconds = value;
        break;
      case "latencyMs": {
        const ok = Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number" && v >= 0 && v <= 60_000) && (value[0] as number) <= (value[1] as number);
        if (!ok) throw new FaultConfigError(key, "must be [min, max] milliseconds with 0 ≤ min ≤ max ≤ 60000");
        out.latencyMs = [value[0] as number, value[1] as number];
        break;
      }
      case "mailboxConcurrency":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 1000) throw new FaultConfigError(key, "must be an integer from 1 to 1000");
        out.mailboxConcurrency = value;
        break;
    }
  }
  return out;
}

export type FaultDecision = { kind: "throttle" | "unavailable"; retryAfterSeconds: number } | { kind: "pass"; latencyMs: number };

export interface FaultInjector {
  config(): FaultConfig;
  set(partial: Partial<FaultConfig>): FaultConfig;
  /** Draws the random outcome for one request. */
  decide(): FaultDecision;
  /** Takes a concurrency slot on a mailbox; returns a release function, or null when the mailbox is at its limit. */
  acquireMailbox(key: string): (() => void) | null;
}

export function createFaultInjector(seed: number, initial: Partial<FaultConfig> = {}): FaultInjector {
  let current: FaultConfig = { ...DEFAULT_FAULTS, latencyMs: [...DEFAULT_FAULTS.latencyMs], ...parseFaultConfig(initial) };
  const rng: Rng = createRng(deriveSeed(seed, "faults"));
  const inFlight = new Map<string, number>();
  return {
    config: () => ({ ...current, latencyMs: [...current.latencyMs] }),
    set(partial) {
      current = { ...current, ...parseFaultConfig(partial) };
      return { ...current, latencyMs: [...current.latencyMs] };
    },
    decide() {
      const r = rng();
      if (r < current.throttleRate) return { kind: "throttle", retryAfterSeconds: current.retryAfterSeconds };
      if (r < current.throttleRate + current.unavailableRate) return { kind: "unavailable", retryAfterSeconds: current.retryAfterSeconds };
      const [min, max] = current.latencyMs;
      return { kind: "pass", latencyMs: max > 0 ? min + rng() * (max - min) : 0 };
    },
    acquireMailbox(key) {
      const n = inFlight.get(key) ?? 0;
      if (n >= current.mailboxConcurrency) return null;
      inFlight.set(key, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left <= 0) inFlight.delete(key);
        else inFlight.set(key, left);
      };
    },
  };
}

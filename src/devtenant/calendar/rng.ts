// Deterministic randomness: every draw is a pure function of (seed, the things it is about), so a
// person's Tuesday looks the same on every run and on every machine, without storing anything.

// The generator itself is the directory half's (../rng.ts); this file adds seeding from hashed parts.
import { createRng, type Rng } from "../rng.js";

export { intBetween, pick } from "../rng.js";

/** 32-bit hash of the parts (FNV-1a over their text, then a final avalanche). */
export function hashParts(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${String(part)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A generator seeded from the parts. */
export function rngFor(...parts: ReadonlyArray<string | number>): Rng {
  return createRng(hashParts(...parts));
}

/** One uniform draw in [0, 1) determined by the parts. */
export function drawFor(...parts: ReadonlyArray<string | number>): number {
  return rngFor(...parts)();
}


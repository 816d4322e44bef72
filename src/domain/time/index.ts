export * from "./instant.js";
export * from "./weekday.js";
export * from "./local-time.js";
export * from "./time-zone.js";
export * from "./wall-clock.js";
export * from "./time-range.js";
export * from "./working-hours.js";
export * from "./slots.js";

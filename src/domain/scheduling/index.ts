export * from "./scheduling-types.js";
export { planCohortSessions, planPairSeries, sessionWindow, normaliseOptions, type NormalisedOptions } from "./plan-cohort.js";
export { nextSlot, type NextSlotRequest, type NextSlotResult } from "./next-slot.js";
export { BookingLedger } from "./booking-ledger.js";

export * from "./cohort-settings.js";
export * from "./validate-cohort-settings.js";
export * from "./explain-eligibility.js";
export * from "./cohort-lifecycle.js";

// Cohort settings as the admin API accepts them: the matching-related parts may be left out and take
// the domain's defaults; the domain validation then checks the whole (every bad field named).
import { withCohortDefaults, validateCohortSettings, type CohortSettings } from "../../domain/cohort/index.js";
import { ValidationError } from "../errors.js";

export type CohortSettingsInput = Parameters<typeof withCohortDefaults>[0];

/** Complete, validated settings; ValidationError naming each bad field otherwise. */
export function settingsFromInput(input: CohortSettingsInput): CohortSettings {
  const settings = withCohortDefaults({ ...input, name: input.name.trim() });
  const issues = validateCohortSettings(settings);
  if (issues.length > 0) {
    const fields = [...new Set(issues.map((i) => i.path))];
    throw new ValidationError(
      `Invalid cohort ${fields.length === 1 ? "field" : "fields"}: ${fields.join(", ")}.`,
      issues.map((i) => ({ field: i.path, message: i.message })),
    );
  }
  return settings;
}

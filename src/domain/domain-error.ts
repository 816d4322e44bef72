/** One problem with an input, named by the path of the offending field (e.g. "mentors[3].workingHours.startTime"). */
export interface DomainIssue {
  path: string;
  message: string;
}

/**
 * Thrown by the pure domain when its input is structurally wrong (bad cohort settings, duplicate ids, a
 * malformed time). Carries every issue found, not just the first, so callers can answer with one
 * problem+json listing all fields. Data problems that are normal in a directory (a cycle, a missing
 * manager) are never thrown: they are reported in results.
 */
export class DomainValidationError extends Error {
  readonly issues: readonly DomainIssue[];

  constructor(issues: readonly DomainIssue[], summary?: string) {
    super(summary ?? DomainValidationError.describe(issues));
    this.name = "DomainValidationError";
    this.issues = issues;
  }

  private static describe(issues: readonly DomainIssue[]): string {
    if (issues.length === 0) return "invalid input";
    const first = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`);
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
    return `invalid input: ${first.join("; ")}${more}`;
  }
}

/** Throws a DomainValidationError when issues is non-empty. */
export function throwIfIssues(issues: readonly DomainIssue[]): void {
  if (issues.length > 0) throw new DomainValidationError(issues);
}

import type { DirectorySyncReport } from "../../api/admin-types.js";

export interface BadDataRow {
  kind: string;
  what: string;
  count: number;
  sample: string[];
}

/** Every kind of bad directory data the sync worked around, with a few example ids of each. */
export function badDataRows(r: DirectorySyncReport): BadDataRow[] {
  return [
    {
      kind: "missingManagers",
      what: "Missing managers (manager not in the directory, or a second top)",
      count: r.missingManagers.count,
      sample: r.missingManagers.sample.map((m) => (m.managerId ? `${m.id} → ${m.managerId}` : m.id)),
    },
    { kind: "cycles", what: "Manager cycles", count: r.cycles.length, sample: r.cycles.map((c) => c.members.join(" → ")) },
    { kind: "underCycle", what: "People whose management line runs into a cycle", ...r.underCycle },
    { kind: "disabled", what: "Disabled accounts", ...r.disabled },
    { kind: "guests", what: "Guests", ...r.guests },
    { kind: "noMail", what: "No mailbox (no mail address)", ...r.noMail },
    { kind: "duplicateIds", what: "Duplicate ids", count: r.duplicateIds.length, sample: r.duplicateIds },
  ];
}

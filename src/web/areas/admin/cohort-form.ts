// The cohort editor's form model: every setting as the text the admin typed, and the conversions from a
// stored cohort and to the API's CohortSettingsInput. Validation is the server's (its 400 names each
// field); the form only turns text into JSON faithfully — an empty optional box means "the default"
// (or "off" where the setting is nullable), anything else is sent as typed.
import { WEIGHT_KEYS, type CohortSettings, type EligibilityRule, type WeightKey } from "../../api/admin-types.js";

export interface RuleForm {
  levelMin: string;
  levelMax: string;
  titlePattern: string;
  departments: string;
  /** Entra group ids, in the order picked (the group picker shows their names). */
  groups: string[];
}

export interface CohortForm {
  name: string;
  /** datetime-local values ("2030-01-31T09:00") in the admin's own zone. */
  opensAt: string;
  closesAt: string;
  everyWeeks: string;
  sessionMinutes: string;
  sessions: string;
  mentor: RuleForm;
  mentee: RuleForm;
  minLevelGap: string;
  separationLevel: string;
  sameDepartment: CohortSettings["constraints"]["sameDepartment"];
  maxTimeZoneDistanceHours: string;
  weights: Record<WeightKey, string>;
  diversityAttributes: string;
  menteeCapacity: string;
  organiserMode: CohortSettings["organiserMode"];
  programMailbox: string;
  objective: CohortSettings["objective"];
}

const emptyRule = (): RuleForm => ({ levelMin: "", levelMax: "", titlePattern: "", departments: "", groups: [] });

/** A new cohort: every matching setting empty, i.e. the server's defaults. */
export function emptyCohortForm(): CohortForm {
  return {
    name: "",
    opensAt: "",
    closesAt: "",
    everyWeeks: "",
    sessionMinutes: "",
    sessions: "",
    mentor: emptyRule(),
    mentee: emptyRule(),
    minLevelGap: "",
    separationLevel: "",
    sameDepartment: "penalise",
    maxTimeZoneDistanceHours: "",
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, ""])) as Record<WeightKey, string>,
    diversityAttributes: "",
    menteeCapacity: "",
    organiserMode: "mentor",
    programMailbox: "",
    objective: "maxScore",
  };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
const joined = (list: readonly string[] | null) => (list ? list.join(", ") : "");

function ruleForm(rule: EligibilityRule): RuleForm {
  return {
    levelMin: text(rule.levels?.min),
    levelMax: text(rule.levels?.max),
    titlePattern: rule.titlePattern ?? "",
    departments: joined(rule.departments),
    groups: rule.groups ? [...rule.groups] : [],
  };
}

export function cohortFormFrom(s: CohortSettings): CohortForm {
  return {
    name: s.name,
    opensAt: localDateTime(s.enrolment.opensAt),
    closesAt: localDateTime(s.enrolment.closesAt),
    everyWeeks: text(s.cadence.everyWeeks),
    sessionMinutes: text(s.cadence.sessionMinutes),
    sessions: text(s.cadence.sessions),
    mentor: ruleForm(s.eligibility.mentor),
    mentee: ruleForm(s.eligibility.mentee),
    minLevelGap: text(s.constraints.minLevelGap),
    separationLevel: text(s.constraints.separationLevel),
    sameDepartment: s.constraints.sameDepartment,
    maxTimeZoneDistanceHours: text(s.constraints.maxTimeZoneDistanceHours),
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, text(s.weights[k])])) as Record<WeightKey, string>,
    diversityAttributes: s.diversityAttributes.join(", "),
    menteeCapacity: text(s.menteeCapacity),
    organiserMode: s.organiserMode,
    programMailbox: s.programMailbox ?? "",
    objective: s.objective,
  };
}

/** "" → undefined (omit: the default); otherwise the number typed, or the text itself so the server names it. */
function numberOrOmit(value: string): number | string | undefined {
  const t = value.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** "" → null (off / no restriction). */
function numberOrNull(value: string): number | string | null {
  return numberOrOmit(value) ?? null;
}

function listOrNull(value: string): string[] | null {
  const items = value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  return items.length === 0 ? null : items;
}

/** Drops the keys whose value is undefined, so that the server fills its defaults for them. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function ruleInput(rule: RuleForm) {
  const min = numberOrNull(rule.levelMin);
  const max = numberOrNull(rule.levelMax);
  return {
    levels: min === null && max === null ? null : { min, max },
    titlePattern: rule.titlePattern.trim() === "" ? null : rule.titlePattern.trim(),
    departments: listOrNull(rule.departments),
    groups: rule.groups.length === 0 ? null : [...rule.groups],
  };
}

/** The JSON body of POST / PUT /api/admin/cohorts. */
export function cohortInput(f: CohortForm): Record<string, unknown> {
  return {
    name: f.name.trim(),
    enrolment: { opensAt: instant(f.opensAt), closesAt: instant(f.closesAt) },
    cadence: defined({ everyWeeks: numberOrOmit(f.everyWeeks), sessionMinutes: numberOrOmit(f.sessionMinutes), sessions: numberOrOmit(f.sessions) }),
    eligibility: { mentor: ruleInput(f.mentor), mentee: ruleInput(f.mentee) },
    constraints: defined({
      minLevelGap: numberOrOmit(f.minLevelGap),
      separationLevel: numberOrNull(f.separationLevel),
      sameDepartment: f.sameDepartment,
      maxTimeZoneDistanceHours: numberOrNull(f.maxTimeZoneDistanceHours),
    }),
    weights: defined(Object.fromEntries(WEIGHT_KEYS.map((k) => [k, numberOrOmit(f.weights[k])]))),
    diversityAttributes: listOrNull(f.diversityAttributes) ?? [],
    ...defined({ menteeCapacity: numberOrOmit(f.menteeCapacity) }),
    organiserMode: f.organiserMode,
    programMailbox: f.programMailbox.trim() === "" ? null : f.programMailbox.trim(),
    objective: f.objective,
  };
}

/** datetime-local text in the admin's zone → ISO instant (UTC); text that is no date is sent as typed. */
export function instant(local: string): string {
  const date = new Date(local);
  return local.trim() === "" || Number.isNaN(date.getTime()) ? local.trim() : date.toISOString();
}

/** ISO instant → datetime-local text in the admin's zone ("2030-01-31T09:00"). */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

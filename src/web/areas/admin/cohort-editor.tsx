import { Suspense, lazy, useState, type FormEvent } from "react";
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Subtitle2, makeStyles, tokens, type InputProps } from "@fluentui/react-components";
import { decodeCohort } from "../../api/admin-decoders.js";
import { WEIGHT_KEYS, type Cohort, type WeightKey } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { ApiError } from "../../api/problem.js";
import { ErrorState } from "../../components/error-state.js";
import { fieldValidation } from "../../components/field-validation.js";
import { cohortFormFrom, cohortInput, emptyCohortForm, type CohortForm, type RuleForm } from "./cohort-form.js";
import { useAdminAction } from "./use-admin-action.js";

// The group picker brings Fluent's TagPicker and popup positioning (~28 KB gzip): loaded with the editor,
// not with the Admin area's home screen.
const GroupPicker = lazy(() => import("./group-picker.js").then((m) => ({ default: m.GroupPicker })));
const GROUPS_HINT = "Members of any of these Entra groups (nested groups count); none: no group needed";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, alignItems: "start" },
  roles: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: tokens.spacingHorizontalXXL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

const WEIGHT_LABELS: Record<WeightKey, string> = {
  base: "Base (every pair)",
  skillMatch: "Per skill taught that is wanted",
  differentDepartment: "Different department",
  differentDivision: "Different division",
  differentLocation: "Different location",
  sharedLanguage: "Shared language",
  diversity: "Per diversity attribute that differs",
  sharedWorkingTime: "Shared working time",
  sameDepartmentPenalty: "Same-department penalty",
};

/** datetime-local boxes are in the browser's zone; say which, since it may differ from Outlook's. */
const BROWSER_ZONE_HINT = `Time zone of this browser: ${Intl.DateTimeFormat().resolvedOptions().timeZone}`;

const ROLE_LABELS = { mentor: "Mentors (the juniors who teach)", mentee: "Executives (mentees)" } as const;

/** Field paths the form shows next to their field (the server's 400 names them the same way). */
export function placedCohortFields(): string[] {
  const rule = (r: string) => [`eligibility.${r}.levels.min`, `eligibility.${r}.levels.max`, `eligibility.${r}.levels`, `eligibility.${r}.titlePattern`, `eligibility.${r}.departments`, `eligibility.${r}.groups`];
  return [
    "name",
    "enrolment.opensAt",
    "enrolment.closesAt",
    "cadence.everyWeeks",
    "cadence.sessionMinutes",
    "cadence.sessions",
    ...rule("mentor"),
    ...rule("mentee"),
    "constraints.minLevelGap",
    "constraints.separationLevel",
    "constraints.sameDepartment",
    "constraints.maxTimeZoneDistanceHours",
    ...WEIGHT_KEYS.map((k) => `weights.${k}`),
    "diversityAttributes",
    "menteeCapacity",
    "organiserMode",
    "programMailbox",
    "objective",
  ];
}

interface TextFieldProps {
  label: string;
  /** The server's name for the field, e.g. "cadence.everyWeeks". */
  path: string;
  value: string;
  onChange: (value: string) => void;
  error: Error | null;
  hint?: string;
  type?: InputProps["type"];
  required?: boolean;
  /** Also show the message of this (group) path, e.g. "eligibility.mentor.levels" for "min ≤ max". */
  alsoPath?: string;
}

function TextField({ label, path, value, onChange, error, hint, type = "text", required, alsoPath }: TextFieldProps) {
  const own = fieldValidation(error, path);
  const validation = own.validationMessage || !alsoPath ? own : fieldValidation(error, alsoPath);
  return (
    <Field label={label} hint={hint} required={required} {...validation}>
      <Input type={type} value={value} onChange={(_, d) => onChange(d.value)} data-field={path} />
    </Field>
  );
}

export interface CohortEditorProps {
  /** null: a new cohort (created in draft). */
  cohort: Cohort | null;
  onSaved: (cohort: Cohort) => void;
  /** Read the cohort again (after someone else changed it). */
  onReload?: () => void;
}

/** Every cohort setting, with the server's validation message next to each field; If-Match on save. */
export function CohortEditor({ cohort, onSaved, onReload }: CohortEditorProps) {
  const styles = useStyles();
  const [form, setForm] = useState<CohortForm>(() => (cohort ? cohortFormFrom(cohort.settings) : emptyCohortForm()));
  const action = useAdminAction();
  const editable = cohort === null || cohort.state === "draft" || cohort.state === "enrolling";
  const error = action.error;
  const stale = error instanceof ApiError && error.status === 412;

  const set = <K extends keyof CohortForm>(key: K) => (value: CohortForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setRule = (role: "mentor" | "mentee", key: Exclude<keyof RuleForm, "groups">) => (value: string) => setForm((f) => ({ ...f, [role]: { ...f[role], [key]: value } }));
  const setGroups = (role: "mentor" | "mentee") => (groups: string[]) => setForm((f) => ({ ...f, [role]: { ...f[role], groups } }));
  const setWeight = (key: WeightKey) => (value: string) => setForm((f) => ({ ...f, weights: { ...f.weights, [key]: value } }));
  const field = (label: string, path: string, key: keyof CohortForm, extra: Partial<TextFieldProps> = {}) => (
    <TextField label={label} path={path} value={form[key] as string} onChange={set(key) as (v: string) => void} error={error} {...extra} />
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = cohortInput(form);
    const saved = await action.run("Saving", (api) =>
      cohort
        ? api.put(adminEndpoints.cohort(cohort.id), body, decodeCohort, { headers: { "If-Match": cohort.etag } })
        : api.post(adminEndpoints.createCohort, body, decodeCohort),
    );
    if (saved) onSaved(saved);
  };

  return (
    <form className={styles.form} onSubmit={(e) => void save(e)} aria-label={cohort ? `Settings of ${cohort.name}` : "New cohort"} noValidate>
      {!editable ? (
        <MessageBar intent="info">
          <MessageBarBody>Settings can only be changed while the cohort is in draft or enrolling.</MessageBarBody>
        </MessageBar>
      ) : null}
      <fieldset className={styles.fieldset} disabled={!editable || action.busy !== null}>
        <div className={styles.group}>
          <Subtitle2 as="h3">Cohort and enrolment</Subtitle2>
          <div className={styles.grid}>
            {field("Name", "name", "name", { required: true })}
            {field("Enrolment opens", "enrolment.opensAt", "opensAt", { type: "datetime-local", required: true, hint: BROWSER_ZONE_HINT })}
            {field("Enrolment closes", "enrolment.closesAt", "closesAt", { type: "datetime-local", required: true, hint: BROWSER_ZONE_HINT })}
          </div>
        </div>
        <div className={styles.group}>
          <Subtitle2 as="h3">Cadence</Subtitle2>
          <div className={styles.grid}>
            {field("A session every (weeks)", "cadence.everyWeeks", "everyWeeks", { type: "number", hint: "1–12; empty: 2" })}
            {field("Session length (minutes)", "cadence.sessionMinutes", "sessionMinutes", { type: "number", hint: "15–480, multiple of 5; empty: 30" })}
            {field("Sessions per pair", "cadence.sessions", "sessions", { type: "number", hint: "1–52; empty: 6" })}
          </div>
        </div>
        <div className={styles.group}>
          <Subtitle2 as="h3">Who may enrol</Subtitle2>
          <div className={styles.roles}>
            {(["mentor", "mentee"] as const).map((role) => {
              const p = `eligibility.${role}`;
              const rule = form[role];
              return (
                <div key={role} className={styles.group} role="group" aria-label={ROLE_LABELS[role]}>
                  <Subtitle2 as="h4">{ROLE_LABELS[role]}</Subtitle2>
                  <div className={styles.grid}>
                    <TextField label="Lowest org level (CEO = 0)" path={`${p}.levels.min`} value={rule.levelMin} onChange={setRule(role, "levelMin")} error={error} type="number" hint="Empty: any" />
                    <TextField label="Deepest org level" path={`${p}.levels.max`} alsoPath={`${p}.levels`} value={rule.levelMax} onChange={setRule(role, "levelMax")} error={error} type="number" hint="Empty: any" />
                  </div>
                  <TextField label="Job title pattern" path={`${p}.titlePattern`} value={rule.titlePattern} onChange={setRule(role, "titlePattern")} error={error} hint="A regular expression, e.g. ^(Vice President|Director)" />
                  <TextField label="Departments" path={`${p}.departments`} value={rule.departments} onChange={setRule(role, "departments")} error={error} hint="Comma-separated; empty: every department" />
                  <Suspense
                    fallback={
                      <Field label="Groups" hint={GROUPS_HINT}>
                        <Input disabled placeholder="Loading the group picker…" />
                      </Field>
                    }
                  >
                    <GroupPicker label="Groups" path={`${p}.groups`} value={rule.groups} onChange={setGroups(role)} error={error} hint={GROUPS_HINT} />
                  </Suspense>
                </div>
              );
            })}
          </div>
        </div>
        <div className={styles.group}>
          <Subtitle2 as="h3">Matching rules</Subtitle2>
          <div className={styles.grid}>
            {field("Minimum level gap", "constraints.minLevelGap", "minLevelGap", { type: "number", hint: "Mentor's level minus the executive's; empty: 2" })}
            {field("Separation level", "constraints.separationLevel", "separationLevel", { type: "number", hint: "Their lowest common manager at this level or above (0 = different divisions); empty: off" })}
            <Field label="Same department" {...fieldValidation(error, "constraints.sameDepartment")}>
              <Select value={form.sameDepartment} onChange={(_, d) => set("sameDepartment")(d.value as CohortForm["sameDepartment"])}>
                <option value="forbid">Forbidden</option>
                <option value="penalise">Allowed with a penalty</option>
                <option value="allow">Allowed</option>
              </Select>
            </Field>
            {field("Maximum time-zone distance (hours)", "constraints.maxTimeZoneDistanceHours", "maxTimeZoneDistanceHours", { type: "number", hint: "0–12; empty: off" })}
            {field("Mentors per executive", "menteeCapacity", "menteeCapacity", { type: "number", hint: "Executive capacity, 1–20; empty: 1" })}
            {field("Diversity attributes", "diversityAttributes", "diversityAttributes", { hint: "Comma-separated profile attributes, e.g. generation" })}
          </div>
        </div>
        <div className={styles.group}>
          <Subtitle2 as="h3">Score weights</Subtitle2>
          <div className={styles.grid}>
            {WEIGHT_KEYS.map((k) => (
              <TextField key={k} label={WEIGHT_LABELS[k]} path={`weights.${k}`} value={form.weights[k]} onChange={setWeight(k)} error={error} type="number" hint="Empty: the default" />
            ))}
          </div>
        </div>
        <div className={styles.group}>
          <Subtitle2 as="h3">Matching objective and invitations</Subtitle2>
          <div className={styles.grid}>
            <Field label="Objective" {...fieldValidation(error, "objective")}>
              <Select value={form.objective} onChange={(_, d) => set("objective")(d.value as CohortForm["objective"])}>
                <option value="maxScore">Highest total score</option>
                <option value="maxMatchedThenScore">Most executives matched, then highest score</option>
              </Select>
            </Field>
            <Field label="Meeting organiser" {...fieldValidation(error, "organiserMode")}>
              <RadioGroup value={form.organiserMode} onChange={(_, d) => set("organiserMode")(d.value as CohortForm["organiserMode"])}>
                <Radio value="mentor" label="The mentor" />
                <Radio value="programMailbox" label="A program mailbox" />
              </RadioGroup>
            </Field>
            {field("Program mailbox", "programMailbox", "programMailbox", { type: "email", hint: "Required when a program mailbox organises the meetings" })}
          </div>
        </div>
      </fieldset>
      {stale ? (
        <MessageBar intent="warning" layout="multiline" data-state="stale">
          <MessageBarBody>
            <MessageBarTitle>Someone else changed this cohort</MessageBarTitle>
            It was changed after you opened it. Reload to see their changes, then make yours again.
          </MessageBarBody>
          {onReload ? (
            <MessageBarActions>
              <Button onClick={onReload}>Reload</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : error ? (
        <ErrorState error={error} placedFields={placedCohortFields()} />
      ) : null}
      {editable ? (
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={action.busy !== null}>
            {action.busy ? "Saving…" : cohort ? "Save changes" : "Create cohort"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

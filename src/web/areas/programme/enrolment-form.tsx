import { useState } from "react";
import { Body1, Caption1, Checkbox, Field, Input, Radio, RadioGroup, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import { meEndpoints } from "../../api/endpoints.js";
import { decodeEnrolment } from "../../api/programme-decoders.js";
import { SHAREABLE_FIELDS, type CatalogSkill, type Enrolment, type EnrolmentInput, type EnrolmentRole, type ShareableField } from "../../api/programme-types.js";
import { ChoiceGroup } from "../../components/choice-group.js";
import { ErrorState } from "../../components/error-state.js";
import { fieldValidation, type FieldValidationProps } from "../../components/field-validation.js";
import { ApiError } from "../../api/problem.js";
import { formatInstant } from "../shared/format-instant.js";
import { useSession } from "../../session/session.js";
import { FormButtons } from "../shared/form-buttons.js";
import { formErrors, useAction } from "../shared/use-action.js";
import { CONSENT_TEXT, CONSENT_VERSION } from "./consent.js";
import { DirectoryProfile } from "./directory-profile.js";
import { SkillChoices } from "./skill-choices.js";

/** New enrolment in a cohort (roles I may take), or changes to an existing one (role and consent stay). */
export type EnrolmentFormMode =
  | { kind: "new"; cohortId: string; cohortName: string; roles: readonly EnrolmentRole[]; role: EnrolmentRole }
  | { kind: "edit"; cohortName: string; enrolment: Enrolment };

interface Values {
  role: EnrolmentRole;
  skills: string[];
  tags: string;
  languages: string;
  note: string;
  preferOtherDepartment: boolean;
  inPerson: boolean;
  discoverable: boolean;
  shared: ShareableField[];
  consent: boolean;
}

/** The details a mentor may show in Teams and Outlook search, as the form names them. */
export const SHAREABLE_LABELS: Record<ShareableField, string> = {
  jobTitle: "Job title",
  department: "Department",
  officeLocation: "Office",
  skills: "Skills I teach",
  languages: "Languages",
};

const ROLE_TEXT: Record<EnrolmentRole, { option: string; skills: string }> = {
  mentor: { option: "Mentor — I coach a senior leader", skills: "Skills you can teach" },
  mentee: { option: "Mentee — a junior colleague coaches me", skills: "Topics you want to learn" },
};

/** The form's fields, as the server names them: server errors for these appear next to them. */
const FIELDS = ["role", "skills", "tags", "languages", "preferences", "sharing", "consent"];

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, paddingTop: tokens.spacingVerticalM },
  consentText: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

function initialValues(mode: EnrolmentFormMode): Values {
  if (mode.kind === "new") {
    return { role: mode.role, skills: [], tags: "", languages: "", note: "", preferOtherDepartment: false, inPerson: false, discoverable: true, shared: ["skills"], consent: false };
  }
  const e = mode.enrolment;
  return {
    role: e.role,
    skills: e.skills,
    tags: e.tags.join(", "),
    languages: e.languages.join(", "),
    note: e.preferences.note ?? "",
    preferOtherDepartment: e.preferences.preferOtherDepartment,
    inPerson: e.preferences.inPerson,
    discoverable: e.sharing.discoverable,
    shared: e.sharing.fields,
    consent: true,
  };
}

/** "Spanish, , English " → ["Spanish", "English"] */
function commaList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function toInput(v: Values): EnrolmentInput {
  return {
    role: v.role,
    skills: v.skills,
    tags: commaList(v.tags),
    languages: commaList(v.languages),
    preferences: { note: v.note.trim() === "" ? null : v.note.trim(), preferOtherDepartment: v.preferOtherDepartment, inPerson: v.inPerson },
    // Only mentors are searched; a mentee shares nothing there.
    sharing: v.role === "mentor" && v.discoverable ? { discoverable: true, fields: v.shared } : { discoverable: false, fields: [] },
    consent: { accepted: v.consent, textVersion: CONSENT_VERSION },
  };
}

/** A comma-list field's error, naming the item the server refused ("tags[1]" → `“Some long tag…”: Too big…`). */
function itemValidation(error: Error | null, field: string, items: readonly string[] | undefined): FieldValidationProps {
  if (!(error instanceof ApiError)) return {};
  const problem = error.fieldErrors.find((e) => e.field === field) ?? error.fieldErrors.find((e) => e.field.startsWith(`${field}[`));
  if (!problem) return {};
  const index = /^\[(\d+)\]/.exec(problem.field.slice(field.length))?.[1];
  const item = index === undefined ? undefined : items?.[Number(index)];
  return { validationState: "error", validationMessage: item === undefined ? problem.message : `“${item}”: ${problem.message}` };
}

function submitRequest(mode: EnrolmentFormMode) {
  return (api: ApiClient, signal: AbortSignal, input: EnrolmentInput): Promise<Enrolment> => {
    if (mode.kind === "new") return api.post(meEndpoints.enrol(mode.cohortId), input, decodeEnrolment, { signal });
    const { skills, tags, languages, preferences, sharing } = input;
    return api.patch(meEndpoints.myEnrolment(mode.enrolment.cohortId), { skills, tags, languages, preferences, sharing }, decodeEnrolment, { signal });
  };
}

export interface EnrolmentFormProps {
  mode: EnrolmentFormMode;
  catalog: readonly CatalogSkill[];
  onSaved: (enrolment: Enrolment) => void;
  onCancel: () => void;
}

/** Enrol in a cohort (or change my enrolment): directory profile, what I teach or learn, languages, preferences, consent. */
export function EnrolmentForm({ mode, catalog, onSaved, onCancel }: EnrolmentFormProps) {
  const styles = useStyles();
  const { me } = useSession();
  const [values, setValues] = useState<Values>(() => initialValues(mode));
  const save = useAction(submitRequest(mode), onSaved);
  // What was last sent: the server names a bad list item by index ("tags[1]"), the form names it by value.
  const [sent, setSent] = useState<EnrolmentInput | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const isNew = mode.kind === "new";

  function submit() {
    if (isNew && !values.consent) {
      save.fail(formErrors([{ field: "consent", message: "Tick the box to give your consent; you cannot enrol without it." }]));
      return;
    }
    const input = toInput(values);
    setSent(input);
    void save.run(input);
  }

  return (
    <form
      className={styles.form}
      aria-label={`${isNew ? "Enrol in" : "Change your enrolment in"} ${mode.cohortName}`}
      data-form="enrolment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <DirectoryProfile me={me} />
      {isNew ? (
        <Field label="Your role" required {...fieldValidation(save.error, "role")}>
          <RadioGroup value={values.role} onChange={(_, d) => set("role", d.value as EnrolmentRole)}>
            {mode.roles.map((r) => (
              <Radio key={r} value={r} label={ROLE_TEXT[r].option} />
            ))}
          </RadioGroup>
        </Field>
      ) : (
        <Body1>Your role: {ROLE_TEXT[values.role].option}</Body1>
      )}
      <SkillChoices
        legend={ROLE_TEXT[values.role].skills}
        catalog={catalog}
        selected={values.skills}
        onChange={(skills) => set("skills", skills)}
        {...fieldValidation(save.error, "skills")}
      />
      <Field label="Other skills or topics" hint="Separate with commas; up to 10, each at most 40 characters." {...itemValidation(save.error, "tags", sent?.tags)}>
        <Input value={values.tags} onChange={(_, d) => set("tags", d.value)} />
      </Field>
      <Field label="Languages you can hold a session in" hint="Separate with commas, e.g. English, Spanish." {...itemValidation(save.error, "languages", sent?.languages)}>
        <Input value={values.languages} onChange={(_, d) => set("languages", d.value)} />
      </Field>
      <ChoiceGroup legend="Preferences" stacked {...fieldValidation(save.error, "preferences")}>
        <Checkbox
          label="I would rather be paired with someone from another department"
          checked={values.preferOtherDepartment}
          onChange={(_, d) => set("preferOtherDepartment", d.checked === true)}
        />
        <Checkbox label="I am happy to meet in person when we share an office" checked={values.inPerson} onChange={(_, d) => set("inPerson", d.checked === true)} />
        <Field label="Anything the programme team should know (optional)" hint="At most 500 characters.">
          <Textarea value={values.note} maxLength={500} onChange={(_, d) => set("note", d.value)} resize="vertical" />
        </Field>
      </ChoiceGroup>
      {values.role === "mentor" ? (
        <ChoiceGroup legend="In Teams and Outlook search" stacked {...fieldValidation(save.error, "sharing")}>
          <Checkbox
            label="Colleagues can find me as a mentor by name in Teams and Outlook search"
            checked={values.discoverable}
            onChange={(_, d) => set("discoverable", d.checked === true)}
          />
          {values.discoverable ? (
            <>
              <Caption1 className={styles.muted}>Besides your name, your card shows:</Caption1>
              {SHAREABLE_FIELDS.map((field) => (
                <Checkbox
                  key={field}
                  label={SHAREABLE_LABELS[field]}
                  checked={values.shared.includes(field)}
                  onChange={(_, d) => set("shared", d.checked === true ? [...values.shared, field] : values.shared.filter((f) => f !== field))}
                />
              ))}
            </>
          ) : null}
        </ChoiceGroup>
      ) : null}
      {isNew ? (
        <ConsentBlock checked={values.consent} onChange={(c) => set("consent", c)} validation={fieldValidation(save.error, "consent")} />
      ) : (
        <Caption1 className={styles.muted}>
          You gave your consent ({mode.enrolment.consent.textVersion}) on {formatInstant(mode.enrolment.consent.acceptedAt, me.timeZone)}.
        </Caption1>
      )}
      {save.error ? <ErrorState error={save.error} placedFields={FIELDS} /> : null}
      <FormButtons submitLabel={isNew ? `Enrol as a ${values.role}` : "Save changes"} pendingLabel="Saving…" pending={save.pending} onCancel={onCancel} />
    </form>
  );
}

function ConsentBlock({ checked, onChange, validation }: { checked: boolean; onChange: (checked: boolean) => void; validation: ReturnType<typeof fieldValidation> }) {
  const styles = useStyles();
  return (
    <div className={styles.consentText}>
      <Subtitle2 as="h3">Consent ({CONSENT_VERSION})</Subtitle2>
      {CONSENT_TEXT.map((paragraph) => (
        <Body1 as="p" key={paragraph}>
          {paragraph}
        </Body1>
      ))}
      <Field required {...validation}>
        <Checkbox label="I have read this and I agree" checked={checked} onChange={(_, d) => onChange(d.checked === true)} />
      </Field>
    </div>
  );
}

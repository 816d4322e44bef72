import { useState } from "react";
import { Card, Checkbox, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { endpoints } from "../../api/endpoints.js";
import { decodePreferences } from "../../api/programme-decoders.js";
import { DAYS_OF_WEEK, type DayOfWeek, type ExecutivePreferences } from "../../api/programme-types.js";
import { ChoiceGroup } from "../../components/choice-group.js";
import { ErrorState } from "../../components/error-state.js";
import { fieldValidation } from "../../components/field-validation.js";
import { describeTimeZone } from "../../format/dates.js";
import { FormButtons } from "../shared/form-buttons.js";
import { formErrors, useAction } from "../shared/use-action.js";
import { checkPreferences, toPreferenceValues, type PreferenceValues } from "./preference-rules.js";

const DAY_LABELS: Record<DayOfWeek, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

const FIELDS = ["maxSessionsPerWeek", "preferredDays", "preferredHours", "notBefore"];
const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  hours: { display: "flex", gap: tokens.spacingHorizontalL, flexWrap: "wrap" },
});

/** What the scheduler respects for an executive: weekly cap, preferred days and hours, first date. */
export function PreferencesForm({ preferences, timeZone }: { preferences: ExecutivePreferences; timeZone: string | null }) {
  const styles = useStyles();
  const [values, setValues] = useState<PreferenceValues>(() => toPreferenceValues(preferences));
  const [saved, setSaved] = useState(false);
  const save = useAction(
    (api, signal, body: ExecutivePreferences) => api.put(endpoints.myPreferences, body, decodePreferences, { signal }),
    (stored: ExecutivePreferences) => {
      setValues(toPreferenceValues(stored));
      setSaved(true);
    },
  );
  const set = <K extends keyof PreferenceValues>(key: K, value: PreferenceValues[K]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const zone = timeZone ? describeTimeZone(timeZone) : "your Outlook time zone";

  function submit() {
    const { body, errors } = checkPreferences(values);
    if (!body) save.fail(formErrors(errors));
    else void save.run(body);
  }

  return (
    <Card className={styles.card} data-state="ready">
      <form
        className={styles.form}
        aria-label="Your scheduling preferences"
        data-form="preferences"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label="Most sessions per week" hint="1 to 10, across all your mentors. Empty: no limit beyond the cohort's cadence." {...fieldValidation(save.error, "maxSessionsPerWeek")}>
          <Input type="number" min={1} max={10} step={1} value={values.maxSessionsPerWeek} onChange={(_, d) => set("maxSessionsPerWeek", d.value)} />
        </Field>
        <ChoiceGroup legend="Preferred days" hint="None ticked: any of your working days." {...fieldValidation(save.error, "preferredDays")}>
          {DAYS_OF_WEEK.map((d) => (
            <Checkbox
              key={d}
              label={DAY_LABELS[d]}
              checked={values.preferredDays.includes(d)}
              onChange={(_, data) => set("preferredDays", data.checked === true ? [...values.preferredDays, d] : values.preferredDays.filter((x) => x !== d))}
            />
          ))}
        </ChoiceGroup>
        <ChoiceGroup legend="Preferred hours" hint={`In ${zone}. Both empty: any time in your working hours.`} {...fieldValidation(save.error, "preferredHours")}>
          <div className={styles.hours}>
            <Field label="From">
              <Input type="time" value={values.hoursStart} onChange={(_, d) => set("hoursStart", d.value)} />
            </Field>
            <Field label="Until">
              <Input type="time" value={values.hoursEnd} onChange={(_, d) => set("hoursEnd", d.value)} />
            </Field>
          </div>
        </ChoiceGroup>
        <Field label="No sessions before" hint="Empty: from the start of the cohort." {...fieldValidation(save.error, "notBefore")}>
          <Input type="date" value={values.notBefore} onChange={(_, d) => set("notBefore", d.value)} />
        </Field>
        {save.error ? <ErrorState error={save.error} placedFields={FIELDS} /> : null}
        {saved ? (
          <MessageBar intent="success" data-state="saved">
            <MessageBarBody>Saved. The scheduler uses these preferences for sessions it books from now on.</MessageBarBody>
          </MessageBar>
        ) : null}
        <FormButtons submitLabel="Save preferences" pendingLabel="Saving…" pending={save.pending} />
      </form>
    </Card>
  );
}

import { Card, makeStyles, tokens } from "@fluentui/react-components";
import type { DayOfWeek, ExecutivePreferences } from "../../api/programme-types.js";
import { formatDate } from "../../format/dates.js";

const DAY_LABELS: Record<DayOfWeek, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL },
  facts: { display: "grid", gridTemplateColumns: "minmax(10rem, max-content) 1fr", columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
});

/** What the scheduler respects for an executive: weekly cap, preferred days and hours, start date. */
export function PreferencesSummary({ preferences, timeZone }: { preferences: ExecutivePreferences; timeZone: string | null }) {
  const styles = useStyles();
  const rows: Array<[string, string]> = [
    ["Sessions per week", `At most ${preferences.maxSessionsPerWeek}`],
    ["Preferred days", preferences.preferredDays.length > 0 ? preferences.preferredDays.map((d) => DAY_LABELS[d]).join(", ") : "Any working day"],
    [
      "Preferred hours",
      preferences.preferredHours
        ? `${preferences.preferredHours.start}–${preferences.preferredHours.end}${timeZone ? ` (${timeZone})` : ""}`
        : "Any time in your working hours",
    ],
    ["No sessions before", preferences.notBefore ? formatDate(preferences.notBefore) : "No restriction"],
  ];
  return (
    <Card className={styles.card}>
      <dl className={styles.facts}>
        {rows.map(([term, value]) => (
          <div key={term} className={styles.pair}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

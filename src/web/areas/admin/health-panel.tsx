import { useEffect } from "react";
import { Subtitle2, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { decodeCohortHealth } from "../../api/admin-decoders.js";
import { SESSION_STATES, type Cohort, type CohortHealth } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { BarChart } from "../../components/charts/bar-chart.js";
import { LineChart } from "../../components/charts/line-chart.js";
import { ShareChart } from "../../components/charts/share-chart.js";
import { EmptyState } from "../../components/empty-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { useApiResource } from "../../hooks/use-api-resource.js";
import { formatDate } from "../../format/dates.js";
import { percent } from "./admin-format.js";
import { CsvExports } from "./csv-exports.js";
import { FactList } from "./fact-list.js";
import { SESSION_STATE_LABELS } from "./sessions-table.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL, paddingTop: tokens.spacingVerticalL },
  charts: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(360px, 1fr))", gap: tokens.spacingHorizontalL },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** The cohort's health: enrolment, RSVP states, sessions held against planned, re-slots, feedback; CSV exports. */
export function HealthPanel({ cohort, onReady }: { cohort: Cohort; onReady: (ready: boolean) => void }) {
  const styles = useStyles();
  const [health, reload] = useApiResource(adminEndpoints.health(cohort.id), decodeCohortHealth, { notFound: "unavailable" });
  useEffect(() => onReady(health.status !== "loading"), [health.status, onReady]);
  return (
    <div className={styles.root}>
      <CsvExports cohortId={cohort.id} cohortName={cohort.name} />
      <ResourceView
        state={health}
        onRetry={reload}
        loadingLabel="the health dashboard"
        unavailable={{ what: "The health dashboard", description: "Enrolment, RSVP states, sessions held and feedback appear here once the health API is switched on for this app." }}
      >
        {(h) => <HealthCharts health={h} />}
      </ResourceView>
    </div>
  );
}

const shortDate = (iso: string) => formatDate(iso).replace(/ \d{4}$/, "");

function HealthCharts({ health }: { health: CohortHealth }) {
  const styles = useStyles();
  const { enrolment, sessions, pairs, feedback } = health;
  const rsvp = SESSION_STATES.map((s) => sessions.byState[s]);
  const last = enrolment.overTime[enrolment.overTime.length - 1];
  return (
    <>
      <Caption1 className={styles.meta}>Figures as of {new Date(health.generatedAt).toLocaleString()}; sessions count as held from calendar truth.</Caption1>
      <FactList
        label="Cohort health"
        facts={[
          ["Mentors enrolled", enrolment.mentors.toLocaleString()],
          ["Executives enrolled", enrolment.mentees.toLocaleString()],
          ["Active pairs", pairs.active.toLocaleString()],
          ["Sessions held", `${sessions.held.toLocaleString()} of ${sessions.plannedToDate.toLocaleString()} due`],
          ["Held rate", percent(sessions.heldRate)],
          ["Declines re-slotted", sessions.declinesReslotted.toLocaleString()],
          ["Could not be placed", sessions.unschedulable.toLocaleString()],
          ["Calendars unreadable", sessions.calendarsUnreadable.toLocaleString()],
          ["Average feedback", feedback.averageRating === null ? "No feedback yet" : `${feedback.averageRating.toFixed(1)} / 5 (${feedback.count})`],
        ]}
      />
      <div className={styles.charts}>
        {enrolment.overTime.length === 0 ? (
          <EmptyState title="No enrolments yet" />
        ) : (
          <LineChart
            title="Enrolment over time"
            summary={`Enrolment over time: ${last ? `${last.mentors} mentors and ${last.mentees} executives by ${formatDate(last.date)}` : "none"}.`}
            categoryLabel="Date"
            categories={enrolment.overTime.map((d) => shortDate(d.date))}
            series={[
              { name: "Mentors", values: enrolment.overTime.map((d) => d.mentors) },
              { name: "Executives", values: enrolment.overTime.map((d) => d.mentees) },
            ]}
          />
        )}
        <BarChart
          title="Sessions by RSVP state"
          summary={`Sessions by state: ${SESSION_STATES.map((s, i) => `${SESSION_STATE_LABELS[s].toLowerCase()} ${rsvp[i]}`).join(", ")}.`}
          categoryLabel="State"
          categories={SESSION_STATES.map((s) => SESSION_STATE_LABELS[s])}
          series={[{ name: "Sessions", values: rsvp }]}
        />
        {sessions.byWeek.length === 0 ? (
          <EmptyState title="No sessions planned yet" />
        ) : (
          <BarChart
            title="Sessions held and planned per week"
            summary={`Sessions per week over ${sessions.byWeek.length} weeks: ${sessions.byWeek.reduce((n, w) => n + w.held, 0)} held of ${sessions.byWeek.reduce((n, w) => n + w.planned, 0)} planned.`}
            categoryLabel="Week starting"
            categories={sessions.byWeek.map((w) => shortDate(w.weekStart))}
            series={[
              { name: "Planned", values: sessions.byWeek.map((w) => w.planned) },
              { name: "Held", values: sessions.byWeek.map((w) => w.held) },
              { name: "Cancelled", values: sessions.byWeek.map((w) => w.cancelled) },
            ]}
          />
        )}
        <BarChart
          title="Declines and scheduling problems"
          summary={`${sessions.declinesReslotted} declines re-slotted, ${sessions.unschedulable} sessions could not be placed, ${sessions.calendarsUnreadable} calendars could not be read.`}
          categoryLabel="What happened"
          categories={["Declines re-slotted", "Could not be placed", "Calendar unreadable"]}
          series={[{ name: "Sessions", values: [sessions.declinesReslotted, sessions.unschedulable, sessions.calendarsUnreadable] }]}
        />
        <ShareChart title="Cross-department pairs" share={pairs.crossDepartmentShare} detail={`${pairs.active + pairs.paused + pairs.ended} pairs published`} />
        <BarChart
          title="Feedback ratings"
          summary={`Feedback: ${feedback.count} ratings${feedback.averageRating === null ? "" : `, average ${feedback.averageRating.toFixed(1)} of 5`}.`}
          categoryLabel="Rating"
          categories={["1", "2", "3", "4", "5"]}
          series={[{ name: "Ratings", values: feedback.histogram }]}
        />
      </div>
      <Subtitle2 as="h3" className={styles.meta}>
        Pairs: {pairs.proposed} proposed · {pairs.active} active · {pairs.paused} paused · {pairs.ended} ended · {pairs.vetoed} vetoed
      </Subtitle2>
    </>
  );
}

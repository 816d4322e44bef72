import { useEffect, useState } from "react";
import { Caption1, Link, Tab, TabList, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowLeftRegular } from "@fluentui/react-icons";
import { decodeCohort } from "../../api/admin-decoders.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { ResourceView } from "../../components/resource-view.js";
import { useApiResource } from "../../hooks/use-api-resource.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { formatDate } from "../../format/dates.js";
import { adminHash, type CohortTab } from "./admin-route.js";
import { CohortEditor } from "./cohort-editor.js";
import { CohortLifecycle } from "./cohort-lifecycle.js";
import { CohortStateBadge } from "./cohort-state-badge.js";
import { useCurrentData } from "./use-current-data.js";
import { HealthPanel } from "./health-panel.js";
import { MatchingPanel } from "./matching-panel.js";
import { SchedulePanel } from "./schedule-panel.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  title: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  meta: { color: tokens.colorNeutralForeground2 },
});

const TAB_LABELS: Record<CohortTab, string> = { settings: "Settings", matching: "Matching", schedule: "Schedule", health: "Health" };

export interface CohortPageProps {
  cohortId: string;
  tab: CohortTab;
  onTab: (tab: CohortTab) => void;
}

/** One cohort: its state and lifecycle actions, and its settings, matching, schedule and health. */
export function CohortPage({ cohortId, tab, onTab }: CohortPageProps) {
  const styles = useStyles();
  const [loaded, reload] = useApiResource(adminEndpoints.cohort(cohortId), decodeCohort);
  // Saves and transitions answer with the new cohort (and ETag); a reload after a job keeps the page
  // and its running panels on screen until the fresh cohort arrives.
  const [cohortState, setCurrent] = useCurrentData(loaded);
  const [tabReady, setTabReady] = useState(false);
  useEffect(() => setTabReady(tab === "settings"), [tab, cohortId]);
  useReadyMarker(`admin-cohort-${tab}`, cohortState.status === "ready" && tabReady);

  return (
    <div className={styles.root} data-screen="admin-cohort">
      <Link href={adminHash({ screen: "home" })}>
        <ArrowLeftRegular aria-hidden /> All cohorts
      </Link>
      <ResourceView state={cohortState} onRetry={reload} loadingLabel="the cohort">
        {(cohort) => (
          <>
            <div className={styles.header}>
              <div className={styles.title}>
                <Title2 as="h1">{cohort.name}</Title2>
                <CohortStateBadge state={cohort.state} />
              </div>
              <Caption1 className={styles.meta} data-testid="cohort-summary">
                Enrolment {formatDate(cohort.enrolmentOpensOn)} – {formatDate(cohort.enrolmentClosesOn)} · {cohort.enrolled.mentors.toLocaleString()} mentors ·{" "}
                {cohort.enrolled.mentees.toLocaleString()} executives enrolled
              </Caption1>
              <CohortLifecycle cohort={cohort} onChanged={setCurrent} />
            </div>
            <TabList selectedValue={tab} onTabSelect={(_, d) => onTab(d.value as CohortTab)} aria-label="Cohort">
              {(Object.keys(TAB_LABELS) as CohortTab[]).map((t) => (
                <Tab key={t} value={t}>
                  {TAB_LABELS[t]}
                </Tab>
              ))}
            </TabList>
            <div role="tabpanel" aria-label={TAB_LABELS[tab]}>
              {tab === "settings" ? <CohortEditor key={cohort.etag} cohort={cohort} onSaved={setCurrent} onReload={reload} /> : null}
              {tab === "matching" ? <MatchingPanel cohort={cohort} onCohortChanged={reload} onReady={setTabReady} /> : null}
              {tab === "schedule" ? <SchedulePanel cohort={cohort} onCohortChanged={reload} onReady={setTabReady} /> : null}
              {tab === "health" ? <HealthPanel cohort={cohort} onReady={setTabReady} /> : null}
            </div>
          </>
        )}
      </ResourceView>
    </div>
  );
}

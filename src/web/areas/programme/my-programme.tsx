import { useCallback, useMemo, useState } from "react";
import { Title2, makeStyles, tokens } from "@fluentui/react-components";
import { endpoints, meEndpoints } from "../../api/endpoints.js";
import { decodeMyEnrolments, decodeMyPairs, decodeMySessions, decodeOpenCohorts, decodeSkillCatalog } from "../../api/programme-decoders.js";
import type { Enrolment, MyPair, OpenCohort } from "../../api/programme-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { ScreenSection } from "../../components/screen-section.js";
import { useApiResource, type ResourceState } from "../../hooks/use-api-resource.js";
import { usePagedApiResource } from "../../hooks/use-paged-api-resource.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { useSession } from "../../session/session.js";
import { PairList } from "../shared/pair-list.js";
import { SessionsSection } from "../shared/sessions-section.js";
import { EnrolmentList } from "./enrolment-list.js";
import { OpenCohortList } from "./open-cohort-list.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXL, maxWidth: "880px" },
});

function readyData<T>(state: ResourceState<T>): T | null {
  return state.status === "ready" ? state.data : null;
}

/** Cohort names the enrolment list can show (enrolments carry only the id), and which still take changes. */
function useCohortNames(cohorts: readonly OpenCohort[] | null, pairs: readonly MyPair[] | null) {
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const p of pairs ?? []) names.set(p.cohortId, p.cohortName);
    for (const c of cohorts ?? []) names.set(c.id, c.name);
    return { names, editable: new Set((cohorts ?? []).map((c) => c.id)) };
  }, [cohorts, pairs]);
}

/** The employee's area: cohorts to join, my enrolments, my match as a mentor, and my sessions. */
export function MyProgramme() {
  const styles = useStyles();
  const { me } = useSession();
  const [cohorts, reloadCohorts] = useApiResource(endpoints.openCohorts, decodeOpenCohorts, { notFound: "unavailable" });
  const [catalog, reloadCatalog] = useApiResource(meEndpoints.skillCatalog, decodeSkillCatalog);
  const [enrolments, reloadEnrolments] = useApiResource(meEndpoints.myEnrolments, decodeMyEnrolments, { notFound: "unavailable" });
  const [pairs, reloadPairs] = useApiResource(endpoints.myPairs, decodeMyPairs, { notFound: "unavailable" });
  const sessions = usePagedApiResource(meEndpoints.mySessions(), decodeMySessions, { notFound: "unavailable" });
  const { names, editable } = useCohortNames(readyData(cohorts), readyData(pairs));
  useReadyMarker("programme", [cohorts, enrolments, pairs, sessions.state].every((s) => s.status !== "loading"));

  const [lastEnrolment, setLastEnrolment] = useState<Enrolment | null>(null);
  const enrolmentsChanged = useCallback(() => {
    reloadCohorts();
    reloadEnrolments();
  }, [reloadCohorts, reloadEnrolments]);
  const enrolled = useCallback(
    (enrolment: Enrolment) => {
      setLastEnrolment(enrolment);
      enrolmentsChanged();
    },
    [enrolmentsChanged],
  );

  return (
    <div className={styles.root} data-screen="programme">
      <Title2 as="h1">My programme</Title2>
      <ScreenSection title="Open cohorts" description="Cohorts taking enrolments now, the roles you can take, and the reason when you cannot.">
        <ResourceView
          state={cohorts}
          onRetry={reloadCohorts}
          loadingLabel="open cohorts"
          unavailable={{ what: "Enrolment", description: "Open cohorts, who may join them and the enrolment form will appear here once enrolment is switched on for this app." }}
        >
          {(list) => <OpenCohortList cohorts={list} catalog={catalog} onRetryCatalog={reloadCatalog} onEnrolled={enrolled} lastEnrolment={lastEnrolment} />}
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="My enrolments" description="What you told the programme, to change while enrolment is open, or to leave.">
        <ResourceView state={enrolments} onRetry={reloadEnrolments} loadingLabel="your enrolments">
          {(list) => (
            <ResourceView state={catalog} onRetry={reloadCatalog} loadingLabel="the skills catalog">
              {(skills) => <EnrolmentList enrolments={list} catalog={skills} cohortNames={names} editable={editable} onChanged={enrolmentsChanged} />}
            </ResourceView>
          )}
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="My match" description="The executive you mentor, and why the matching paired you.">
        <ResourceView
          state={pairs}
          onRetry={reloadPairs}
          loadingLabel="your match"
          unavailable={{ what: "Matching", description: "Your match and the reasons you were paired will appear here once matching is switched on for this app." }}
        >
          {(list) => {
            const mine = list.filter((p) => p.myRole === "mentor");
            return mine.length === 0 ? (
              <EmptyState title="No match yet">After you enrol in a cohort and the programme team publishes the matches, your executive appears here.</EmptyState>
            ) : (
              <PairList pairs={mine} label="Your matches" onChanged={sessions.reload} />
            );
          }}
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="My sessions" description="Sessions where you are the mentor. Reschedule or skip one here; the invitation in Outlook follows.">
        <SessionsSection
          sessions={sessions}
          role="mentor"
          timeZone={me.timeZone}
          emptyText="Once you are matched, the app books your sessions into free time in both calendars."
        />
      </ScreenSection>
    </div>
  );
}

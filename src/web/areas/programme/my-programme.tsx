import { Title2, makeStyles, tokens } from "@fluentui/react-components";
import { decodeMyPairs, decodeMySessions, decodeOpenCohorts } from "../../api/programme-decoders.js";
import { endpoints } from "../../api/endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { ScreenSection } from "../../components/screen-section.js";
import { useApiResource } from "../../hooks/use-api-resource.js";
import { usePagedApiResource } from "../../hooks/use-paged-api-resource.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { useSession } from "../../session/session.js";
import { PairList } from "../shared/pair-list.js";
import { SessionsSection } from "../shared/sessions-section.js";
import { OpenCohortList } from "./open-cohort-list.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXL, maxWidth: "880px" },
});

/** The employee's area: cohorts to join, my match as a mentor, and my sessions. */
export function MyProgramme() {
  const styles = useStyles();
  const { me } = useSession();
  const [cohorts, reloadCohorts] = useApiResource(endpoints.openCohorts, decodeOpenCohorts, { notFound: "unavailable" });
  const [pairs, reloadPairs] = useApiResource(endpoints.myPairs, decodeMyPairs, { notFound: "unavailable" });
  const sessions = usePagedApiResource(endpoints.mySessions, decodeMySessions, { notFound: "unavailable" });
  useReadyMarker("programme", [cohorts, pairs, sessions.state].every((s) => s.status !== "loading"));

  return (
    <div className={styles.root} data-screen="programme">
      <Title2 as="h1">My programme</Title2>
      <ScreenSection title="Open cohorts" description="Cohorts you can join as a mentor, and the reason when you cannot.">
        <ResourceView
          state={cohorts}
          onRetry={reloadCohorts}
          loadingLabel="open cohorts"
          unavailable={{
            what: "Enrolment",
            description: "Open cohorts, who may join them and the enrolment form will appear here once enrolment is switched on for this app.",
          }}
        >
          {(list) => <OpenCohortList cohorts={list} />}
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
              <PairList pairs={mine} label="Your matches" />
            );
          }}
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="My sessions">
        <SessionsSection sessions={sessions} timeZone={me.timeZone} emptyText="Once you are matched, the app books your sessions into free time in both calendars." />
      </ScreenSection>
    </div>
  );
}

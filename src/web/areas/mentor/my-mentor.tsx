import { Title2, makeStyles, tokens } from "@fluentui/react-components";
import { endpoints, meEndpoints } from "../../api/endpoints.js";
import { decodeMyPairs, decodeMySessions, decodePreferences } from "../../api/programme-decoders.js";
import { EmptyState } from "../../components/empty-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { ScreenSection } from "../../components/screen-section.js";
import { useApiResource } from "../../hooks/use-api-resource.js";
import { usePagedApiResource } from "../../hooks/use-paged-api-resource.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { useSession } from "../../session/session.js";
import { PairList } from "../shared/pair-list.js";
import { SessionsSection } from "../shared/sessions-section.js";
import { PreferencesForm } from "./preferences-form.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXL, maxWidth: "880px" },
});

/** The executive's area: my mentor and why (or a proposal to veto), upcoming sessions, my scheduling preferences. */
export function MyMentor() {
  const styles = useStyles();
  const { me } = useSession();
  const [pairs, reloadPairs] = useApiResource(endpoints.myPairs, decodeMyPairs, { notFound: "unavailable" });
  const [preferences, reloadPreferences] = useApiResource(endpoints.myPreferences, decodePreferences, { notFound: "unavailable" });
  const sessions = usePagedApiResource(meEndpoints.mySessions(), decodeMySessions, { notFound: "unavailable" });
  useReadyMarker("mentor", [pairs, preferences, sessions.state].every((s) => s.status !== "loading"));

  return (
    <div className={styles.root} data-screen="mentor">
      <Title2 as="h1">My mentor</Title2>
      <ScreenSection title="Your mentor" description="The colleague who coaches you, and why the matching chose them. You may veto a proposed pair before it is published.">
        <ResourceView
          state={pairs}
          onRetry={reloadPairs}
          loadingLabel="your mentor"
          unavailable={{
            what: "Matching",
            description: "Your mentor, the reasons you were paired, and the option to veto a proposed pair will appear here once matching is switched on for this app.",
          }}
        >
          {(list) => {
            const mine = list.filter((p) => p.myRole === "mentee");
            return mine.length === 0 ? (
              <EmptyState title="No mentor yet">When the programme team proposes or publishes the matches of a cohort you joined, your mentor appears here.</EmptyState>
            ) : (
              <PairList pairs={mine} label="Your mentors" onChanged={sessions.reload} />
            );
          }}
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="Upcoming sessions" description="Invitations arrive in your Outlook calendar; accept, decline or propose a new time there. Their state shows here.">
        <SessionsSection sessions={sessions} role="mentee" timeZone={me.timeZone} emptyText="Once you have a mentor, the app books sessions into free time in your calendar." />
      </ScreenSection>
      <ScreenSection title="Your preferences" description="The scheduler books sessions only within these limits.">
        <ResourceView
          state={preferences}
          onRetry={reloadPreferences}
          loadingLabel="your preferences"
          unavailable={{
            what: "Scheduling preferences",
            description: "Your maximum sessions per week and preferred days and hours will be shown and editable here once scheduling is switched on for this app.",
          }}
        >
          {(p) => <PreferencesForm preferences={p} timeZone={me.timeZone} />}
        </ResourceView>
      </ScreenSection>
    </div>
  );
}

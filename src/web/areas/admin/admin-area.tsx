import { Button, Link, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular, ArrowLeftRegular } from "@fluentui/react-icons";
import { decodeCohortPage, decodeUndeliveredPage } from "../../api/admin-decoders.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { LoadMore } from "../../components/load-more.js";
import { ResourceView } from "../../components/resource-view.js";
import { ScreenSection } from "../../components/screen-section.js";
import { usePagedApiResource } from "../../hooks/use-paged-api-resource.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { adminHash, type AdminRoute } from "./admin-route.js";
import { useAdminRoute } from "./use-admin-route.js";
import { CohortEditor } from "./cohort-editor.js";
import { CohortPage } from "./cohort-page.js";
import { CohortTable } from "./cohort-table.js";
import { DirectorySyncPanel, useDirectoryReport } from "./directory-sync-panel.js";
import { UndeliveredPanel } from "./undelivered-panel.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXL, maxWidth: "1200px" },
  heading: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalL, flexWrap: "wrap" },
});

/** Programme admins: cohorts (create, edit, match, schedule, watch) and the directory matching works from. */
export function AdminArea() {
  const [route, navigate] = useAdminRoute();
  switch (route.screen) {
    case "home":
      return <AdminHome navigate={navigate} />;
    case "new-cohort":
      return <NewCohort navigate={navigate} />;
    case "cohort":
      return <CohortPage key={route.cohortId} cohortId={route.cohortId} tab={route.tab} onTab={(tab) => navigate({ ...route, tab })} />;
  }
}

function AdminHome({ navigate }: { navigate: (route: AdminRoute) => void }) {
  const styles = useStyles();
  const cohorts = usePagedApiResource(adminEndpoints.cohorts(), decodeCohortPage);
  const [report, reloadReport] = useDirectoryReport();
  const undelivered = usePagedApiResource(adminEndpoints.undeliveredNotifications(), decodeUndeliveredPage);
  useReadyMarker("admin", [cohorts.state, report, undelivered.state].every((s) => s.status !== "loading"));

  return (
    <div className={styles.root} data-screen="admin">
      <Title2 as="h1">Admin</Title2>
      <ScreenSection title="Cohorts" description="Each cohort runs from enrolment through matching and scheduling to its last session.">
        <div className={styles.heading}>
          <Button appearance="primary" icon={<AddRegular />} onClick={() => navigate({ screen: "new-cohort" })}>
            New cohort
          </Button>
        </div>
        <ResourceView state={cohorts.state} onRetry={cohorts.reload} loadingLabel="cohorts">
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No cohorts yet">Cohorts you create appear here with their state and enrolment numbers.</EmptyState>
            ) : (
              <>
                <CohortTable cohorts={list} />
                <LoadMore resource={cohorts} what="cohorts" />
              </>
            )
          }
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="Directory" description="People, managers and time zones come from your organisation's directory (Entra ID).">
        <DirectorySyncPanel report={report} reloadReport={reloadReport} />
      </ScreenSection>
      <ScreenSection
        title="Notifications that did not arrive"
        description="Teams messages people could not receive, and why. People without the app in Teams get nothing until they add it; send their messages again once they have."
      >
        <UndeliveredPanel resource={undelivered} />
      </ScreenSection>
    </div>
  );
}

function NewCohort({ navigate }: { navigate: (route: AdminRoute) => void }) {
  const styles = useStyles();
  useReadyMarker("admin-new-cohort", true);
  return (
    <div className={styles.root} data-screen="admin-new-cohort">
      <Link href={adminHash({ screen: "home" })}>
        <ArrowLeftRegular aria-hidden /> All cohorts
      </Link>
      <Title2 as="h1">New cohort</Title2>
      <CohortEditor cohort={null} onSaved={(cohort) => navigate({ screen: "cohort", cohortId: cohort.id, tab: "settings" })} />
    </div>
  );
}

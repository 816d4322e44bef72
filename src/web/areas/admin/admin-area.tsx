import { Button, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { decodeAdminCohorts, decodeDirectorySync } from "../../api/programme-decoders.js";
import { endpoints } from "../../api/endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { ScreenSection } from "../../components/screen-section.js";
import { useApiResource } from "../../hooks/use-api-resource.js";
import { usePagedApiResource } from "../../hooks/use-paged-api-resource.js";
import { useReadyMarker } from "../../hooks/use-ready-marker.js";
import { CohortTable } from "./cohort-table.js";
import { DirectorySyncSummary } from "./directory-sync-summary.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXL, maxWidth: "1040px" },
});

/** Programme admins: cohorts and the directory the matching works from. */
export function AdminArea() {
  const styles = useStyles();
  const cohorts = usePagedApiResource(endpoints.adminCohorts, decodeAdminCohorts, { notFound: "unavailable" });
  const [sync, reloadSync] = useApiResource(endpoints.directorySync, decodeDirectorySync, { notFound: "unavailable" });
  useReadyMarker("admin", [cohorts.state, sync].every((s) => s.status !== "loading"));

  return (
    <div className={styles.root} data-screen="admin">
      <Title2 as="h1">Admin</Title2>
      <ScreenSection title="Cohorts" description="Each cohort runs from enrolment through matching and scheduling to its last session.">
        <ResourceView
          state={cohorts.state}
          onRetry={cohorts.reload}
          loadingLabel="cohorts"
          unavailable={{
            what: "Cohort management",
            description: "Creating cohorts, watching enrolment, running the matching and publishing pairs will be done here once cohort management is switched on for this app.",
          }}
        >
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No cohorts yet">Cohorts you create appear here with their state and enrolment numbers.</EmptyState>
            ) : (
              <>
                <CohortTable cohorts={list} />
                {cohorts.hasMore ? (
                  <Button onClick={cohorts.loadMore} disabled={cohorts.loadingMore}>
                    {cohorts.loadingMore ? "Loading more cohorts…" : "Load more cohorts"}
                  </Button>
                ) : null}
                {cohorts.loadMoreError ? <ErrorState error={cohorts.loadMoreError} onRetry={cohorts.loadMore} /> : null}
              </>
            )
          }
        </ResourceView>
      </ScreenSection>
      <ScreenSection title="Directory" description="People, managers and time zones come from your organisation's directory (Entra ID).">
        <ResourceView
          state={sync}
          onRetry={reloadSync}
          loadingLabel="the directory sync"
          unavailable={{
            what: "Directory sync",
            description: "Syncing the directory with a progress bar, and the report of missing managers, cycles, guests and disabled accounts, will appear here once directory sync is switched on for this app.",
          }}
        >
          {(s) => <DirectorySyncSummary sync={s} />}
        </ResourceView>
      </ScreenSection>
    </div>
  );
}

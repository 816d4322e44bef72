import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowSyncRegular } from "@fluentui/react-icons";
import { useEffect } from "react";
import { decodeDirectoryReport, decodeDirectorySyncJob, decodeJobPage } from "../../api/admin-decoders.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import type { DirectoryReport } from "../../api/admin-types.js";
import { useApiResource, type ResourceState } from "../../hooks/use-api-resource.js";
import { DirectoryReportView } from "./directory-report-view.js";
import { JobProgress } from "./job-progress.js";
import { useAdminAction } from "./use-admin-action.js";
import { useJobRun } from "./use-job-poll.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The last sync's report; 404 (no sync finished yet) is "unavailable" and shown as an empty state. */
export function useDirectoryReport(): [ResourceState<DirectoryReport>, () => void] {
  return useApiResource(adminEndpoints.directoryReport, decodeDirectoryReport, { notFound: "unavailable" });
}

/** Start a directory sync, follow it on a progress bar, and read the last sync's bad-data report. */
export function DirectorySyncPanel({ report, reloadReport }: { report: ResourceState<DirectoryReport>; reloadReport: () => void }) {
  const styles = useStyles();
  const action = useAdminAction();
  const sync = useJobRun(decodeDirectorySyncJob, reloadReport);

  const start = async (mode: "delta" | "full") => {
    const job = await action.run(mode === "full" ? "Full sync" : "Sync", (api) => api.post(adminEndpoints.startDirectorySync, { mode }, decodeDirectorySyncJob));
    if (job) sync.follow(adminEndpoints.directorySyncJob(job.id));
  };
  const { running, follow } = sync;
  const [latest] = useApiResource(adminEndpoints.latestJob("directory-sync"), decodeJobPage);
  // A sync someone started earlier (or before a reload) and still running: show its progress too.
  useEffect(() => {
    const job = latest.status === "ready" ? latest.data.items[0] : undefined;
    if (job?.state === "running") follow(adminEndpoints.directorySyncJob(job.id));
  }, [latest, follow]);

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<ArrowSyncRegular />} disabled={running || action.busy !== null} onClick={() => void start("delta")}>
          Sync directory
        </Button>
        <Button disabled={running || action.busy !== null} onClick={() => void start("full")}>
          Full sync
        </Button>
      </div>
      {action.error ? <ErrorState error={action.error} /> : null}
      {sync.started ? <JobProgress what="Directory sync" job={sync.job} error={sync.error} /> : null}
      {report.status === "unavailable" ? (
        <EmptyState title="The directory has not been synced yet">The first sync reads everyone in your organisation and their managers; matching works from it.</EmptyState>
      ) : (
        <ResourceView state={report} onRetry={reloadReport} loadingLabel="the last directory sync">
          {(r) => <DirectoryReportView report={r} />}
        </ResourceView>
      )}
    </div>
  );
}

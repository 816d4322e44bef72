import { useCallback, useEffect, useState } from "react";
import { Button, Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { CalendarAddRegular } from "@fluentui/react-icons";
import { decodeAdminSessions, decodeJob, decodeJobStarted } from "../../api/admin-decoders.js";
import { SESSION_STATES, type Cohort, type SessionState } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import { usePagedApiResource } from "../../hooks/use-paged-api-resource.js";
import { JobProgress } from "./job-progress.js";
import { SESSION_STATE_LABELS, SessionsTable } from "./sessions-table.js";
import { useAdminAction } from "./use-admin-action.js";
import { useJobRun } from "./use-job-poll.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, paddingTop: tokens.spacingVerticalL },
  actions: { display: "flex", gap: tokens.spacingHorizontalL, flexWrap: "wrap", alignItems: "end" },
});

export interface SchedulePanelProps {
  cohort: Cohort;
  onCohortChanged: () => void;
  onReady: (ready: boolean) => void;
}

/** Book every pair's sessions into free time, follow it on a progress bar, and see each session's state. */
export function SchedulePanel({ cohort, onCohortChanged, onReady }: SchedulePanelProps) {
  const styles = useStyles();
  const [stateFilter, setStateFilter] = useState<SessionState | "">("");
  const sessions = usePagedApiResource(adminEndpoints.sessions(cohort.id, stateFilter || null), decodeAdminSessions, { notFound: "unavailable" });
  useEffect(() => onReady(sessions.state.status !== "loading"), [sessions.state.status, onReady]);
  const action = useAdminAction();
  const { reload } = sessions;
  const finished = useCallback(() => {
    reload();
    onCohortChanged();
  }, [reload, onCohortChanged]);
  const job = useJobRun(decodeJob, finished);
  const { running } = job;
  const canSchedule = cohort.state === "published" || cohort.state === "scheduled";

  const start = async () => {
    const started = await action.run("Schedule", (api) => api.post(adminEndpoints.schedule(cohort.id), {}, decodeJobStarted));
    if (started) job.follow(adminEndpoints.job(started.jobId));
  };

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button appearance="primary" icon={<CalendarAddRegular />} disabled={!canSchedule || running || action.busy !== null} onClick={() => void start()}>
          {cohort.state === "scheduled" ? "Schedule again (fill gaps)" : "Schedule sessions"}
        </Button>
        <Field label="Session state">
          <Select value={stateFilter} onChange={(_, d) => setStateFilter(d.value as SessionState | "")}>
            <option value="">All states</option>
            {SESSION_STATES.map((s) => (
              <option key={s} value={s}>
                {SESSION_STATE_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {!canSchedule ? <span>Scheduling starts once the cohort's pairs are published.</span> : null}
      {job.started ? <JobProgress what="Scheduling" job={job.job} error={job.error} /> : null}
      {action.error ? <ErrorState error={action.error} /> : null}
      {sessions.state.status === "unavailable" ? (
        <EmptyState title="No sessions yet">Sessions appear here once the cohort is scheduled.</EmptyState>
      ) : (
        <ResourceView state={sessions.state} onRetry={sessions.reload} loadingLabel="sessions">
          {(items) =>
            items.length === 0 ? (
              <EmptyState title={stateFilter ? "No sessions in this state" : "No sessions yet"}>
                {stateFilter ? "Choose another state to see more sessions." : "Schedule the cohort to book every pair's sessions."}
              </EmptyState>
            ) : (
              <>
                <SessionsTable sessions={items} hasMore={sessions.hasMore} onLoadMore={sessions.loadMore} loadingMore={sessions.loadingMore} />
                {sessions.loadMoreError ? <ErrorState error={sessions.loadMoreError} onRetry={sessions.loadMore} /> : null}
              </>
            )
          }
        </ResourceView>
      )}
    </div>
  );
}

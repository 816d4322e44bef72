import { Caption1, Card, Field, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { DirectorySyncStatus, JobState } from "../../api/programme-types.js";
import { EmptyState } from "../../components/empty-state.js";

const JOB_LABELS: Record<JobState, string> = {
  queued: "Waiting to start",
  running: "Running",
  succeeded: "Finished",
  failed: "Failed",
};

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** The last directory sync: progress while it runs, people synced, and the bad data it found. */
export function DirectorySyncSummary({ sync }: { sync: DirectorySyncStatus }) {
  const styles = useStyles();
  const run = sync.lastRun;
  if (!run) {
    return <EmptyState title="The directory has not been synced yet">The first sync reads everyone in your organisation and their managers.</EmptyState>;
  }
  const active = run.state === "queued" || run.state === "running";
  return (
    <Card className={styles.card}>
      <Field
        label={`Last sync: ${JOB_LABELS[run.state]}`}
        validationState={run.state === "failed" ? "error" : "none"}
        validationMessage={run.error ?? undefined}
        hint={active ? `${Math.round(run.percent)}%` : undefined}
      >
        <ProgressBar value={Math.min(100, Math.max(0, run.percent)) / 100} thickness="large" color={run.state === "failed" ? "error" : undefined} />
      </Field>
      <Text>{sync.people.toLocaleString()} people in the synced directory</Text>
      {sync.badData.length > 0 ? (
        <>
          <Caption1 className={styles.meta}>Directory data the matching had to work around:</Caption1>
          <ul className={styles.list}>
            {sync.badData.map((b) => (
              <li key={b.kind}>
                {b.kind}: {b.count.toLocaleString()}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Caption1 className={styles.meta}>No bad directory data found.</Caption1>
      )}
    </Card>
  );
}

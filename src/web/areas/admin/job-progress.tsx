import { Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { Job } from "../../api/admin-types.js";
import { ErrorState } from "../../components/error-state.js";
import { words } from "./admin-format.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  counts: { display: "flex", flexWrap: "wrap", gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0 },
  count: { display: "flex", gap: tokens.spacingHorizontalXS },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
});

const STATE_LABEL = { running: "running", succeeded: "done", failed: "failed" } as const;

/** A job's progress bar with its percentage, message and counts; the failure reason when it failed. */
export function JobProgress({ what, job, error }: { what: string; job: Job | null; error: Error | null }) {
  const styles = useStyles();
  if (error) return <ErrorState error={error} />;
  if (!job) return <ProgressBar aria-label={`${what}: starting`} thickness="large" />;
  const percent = Math.round(Math.min(100, Math.max(0, job.progress.percent)));
  const counts = Object.entries(job.progress.counts);
  return (
    <div className={styles.root} data-job={job.id} data-job-state={job.state}>
      <Field
        label={`${what}: ${STATE_LABEL[job.state]}`}
        hint={job.state === "running" ? `${percent}%${job.progress.message ? ` · ${job.progress.message}` : ""}` : undefined}
        validationState={job.state === "failed" ? "error" : "none"}
        validationMessage={job.state === "failed" ? job.error?.message ?? "The job failed." : undefined}
      >
        <ProgressBar value={job.state === "succeeded" ? 1 : percent / 100} thickness="large" color={job.state === "failed" ? "error" : job.state === "succeeded" ? "success" : "brand"} />
      </Field>
      {counts.length > 0 ? (
        <dl className={styles.counts} aria-label={`${what}: counts`}>
          {counts.map(([key, value]) => (
            <div key={key} className={styles.count}>
              <dt className={styles.term}>{words(key)}</dt>
              <dd className={styles.value} data-count={key}>
                {value.toLocaleString()}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

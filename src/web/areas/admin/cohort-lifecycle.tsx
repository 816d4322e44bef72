import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { decodeCohort } from "../../api/admin-decoders.js";
import type { Cohort, CohortState } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { ErrorState } from "../../components/error-state.js";
import { useAdminAction } from "./use-admin-action.js";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Moves an admin makes by hand; publishing and scheduling happen through their own actions. */
function moveLabel(from: CohortState, to: CohortState): string | null {
  if (to === "enrolling") return from === "draft" ? "Open enrolment" : "Reopen enrolment";
  if (to === "matching") return "Close enrolment";
  return null;
}

/** The cohort's next lifecycle steps (with its ETag, so a stale page cannot move it) and Close. */
export function CohortLifecycle({ cohort, onChanged }: { cohort: Cohort; onChanged: (cohort: Cohort) => void }) {
  const styles = useStyles();
  const action = useAdminAction();
  const headers = { "If-Match": cohort.etag };
  const moves = cohort.allowedTransitions.flatMap((to) => {
    const label = moveLabel(cohort.state, to);
    return label ? [{ to, label }] : [];
  });

  const move = async (to: CohortState, label: string) => {
    const moved = await action.run(label, (api) => api.post(adminEndpoints.transitions(cohort.id), { to }, decodeCohort, { headers }));
    if (moved) onChanged(moved);
  };
  const close = async () => {
    const closed = await action.run("Close", (api) => api.post(adminEndpoints.close(cohort.id), undefined, decodeCohort, { headers }));
    if (closed) onChanged(closed);
    return closed !== undefined;
  };

  if (moves.length === 0 && !cohort.allowedTransitions.includes("closed")) return null;
  return (
    <div className={styles.root}>
      <div className={styles.actions} role="group" aria-label="Cohort lifecycle">
        {moves.map((m) => (
          <Button key={m.to} appearance="primary" disabled={action.busy !== null} onClick={() => void move(m.to, m.label)}>
            {action.busy === m.label ? "Working…" : m.label}
          </Button>
        ))}
        {cohort.allowedTransitions.includes("closed") ? (
          <ConfirmDialog
            trigger={<Button disabled={action.busy !== null}>Close cohort</Button>}
            title={`Close ${cohort.name}?`}
            confirmLabel="Close cohort"
            destructive
            pending={action.busy === "Close"}
            error={action.error}
            onConfirm={close}
          >
            A closed cohort cannot be changed or reopened. Enrolment, matching and scheduling stop; what happened so far stays visible on the health dashboard.
          </ConfirmDialog>
        ) : null}
      </div>
      {action.error && action.busy === null ? <ErrorState error={action.error} /> : null}
    </div>
  );
}

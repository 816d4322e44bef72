import { Badge, Body1, Caption1, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { EnrolmentRole, OpenCohort } from "../../api/programme-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { formatDate } from "../../format/dates.js";

const ROLE_LABEL: Record<EnrolmentRole, string> = { mentor: "You can join as a mentor", mentee: "You can join as a mentee" };

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalS },
  meta: { color: tokens.colorNeutralForeground2 },
  badges: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** Cohorts open for enrolment, with my eligibility explained either way. */
export function OpenCohortList({ cohorts }: { cohorts: readonly OpenCohort[] }) {
  const styles = useStyles();
  if (cohorts.length === 0) {
    return (
      <EmptyState title="No open cohorts yet">
        When your programme team opens a cohort for enrolment, it appears here with the dates and whether you can join.
      </EmptyState>
    );
  }
  return (
    <ul className={styles.list} aria-label="Open cohorts">
      {cohorts.map((c) => (
        <li key={c.id}>
          <Card className={styles.card} data-cohort={c.id}>
            <CardHeader header={<Text weight="semibold">{c.name}</Text>} />
            <Caption1 className={styles.meta}>
              Enrolment {formatDate(c.enrolmentOpensOn)} – {formatDate(c.enrolmentClosesOn)} · {c.cadence.sessions} sessions of{" "}
              {c.cadence.sessionMinutes} min, every {c.cadence.everyWeeks === 1 ? "week" : `${c.cadence.everyWeeks} weeks`}
            </Caption1>
            {c.eligibleAs.length > 0 ? (
              <div className={styles.badges}>
                {c.eligibleAs.map((r) => (
                  <Badge key={r} color="success" appearance="tint" shape="rounded">
                    {ROLE_LABEL[r]}
                  </Badge>
                ))}
              </div>
            ) : (
              <Body1 as="p">You cannot join this cohort:</Body1>
            )}
            {c.ineligibleReasons.length > 0 ? (
              <ul className={styles.reasons}>
                {c.ineligibleReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
          </Card>
        </li>
      ))}
    </ul>
  );
}

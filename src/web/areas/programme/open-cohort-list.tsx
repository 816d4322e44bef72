import { useEffect, useRef, useState } from "react";
import { Badge, Body1, Button, Caption1, Card, CardHeader, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { CatalogSkill, Enrolment, EnrolmentRole, OpenCohort } from "../../api/programme-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ResourceView } from "../../components/resource-view.js";
import type { ResourceState } from "../../hooks/use-api-resource.js";
import { formatDate } from "../../format/dates.js";
import { EnrolmentForm } from "./enrolment-form.js";

const ROLE_LABEL: Record<EnrolmentRole, string> = { mentor: "You can join as a mentor", mentee: "You can join as a mentee" };
const ENROLLED_LABEL: Record<EnrolmentRole, string> = { mentor: "Enrolled as a mentor", mentee: "Enrolled as a mentee" };

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalS },
  meta: { color: tokens.colorNeutralForeground2 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

interface CatalogProps {
  /** The skills catalog the form offers; loaded once for the whole screen. */
  catalog: ResourceState<CatalogSkill[]>;
  onRetryCatalog: () => void;
  onEnrolled: (enrolment: Enrolment) => void;
  /** The enrolment made on this screen a moment ago, confirmed in its cohort's card. */
  lastEnrolment: Enrolment | null;
}

export interface OpenCohortListProps extends CatalogProps {
  cohorts: readonly OpenCohort[];
}

/** Cohorts open for enrolment, with my eligibility explained either way, and the enrolment form. */
export function OpenCohortList({ cohorts, ...rest }: OpenCohortListProps) {
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
          <CohortCard cohort={c} {...rest} />
        </li>
      ))}
    </ul>
  );
}

function CohortCard({ cohort: c, catalog, onRetryCatalog, onEnrolled, lastEnrolment }: CatalogProps & { cohort: OpenCohort }) {
  const styles = useStyles();
  const [enrollingAs, setEnrollingAs] = useState<EnrolmentRole | null>(null);
  // After enrolling the form goes away (and the list reloads): say so where the focus lands.
  const justEnrolled = lastEnrolment?.cohortId === c.id ? lastEnrolment.role : null;
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (justEnrolled) confirmation.current?.focus();
  }, [justEnrolled]);
  return (
    <Card className={styles.card} data-cohort={c.id}>
      <CardHeader header={<Text weight="semibold">{c.name}</Text>} />
      <Caption1 className={styles.meta}>
        Enrolment {formatDate(c.enrolmentOpensOn)} – {formatDate(c.enrolmentClosesOn)} · {c.cadence.sessions} sessions of {c.cadence.sessionMinutes} min,
        every {c.cadence.everyWeeks === 1 ? "week" : `${c.cadence.everyWeeks} weeks`}
      </Caption1>
      {justEnrolled && c.enrolledAs ? (
        <MessageBar intent="success" ref={confirmation} tabIndex={-1} data-state="enrolled">
          <MessageBarBody>
            You are enrolled in {c.name} as a {justEnrolled}. The programme team tells you when the matches are published.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {c.enrolledAs ? (
        <div className={styles.row}>
          <Badge color="brand" appearance="filled" shape="rounded">
            {ENROLLED_LABEL[c.enrolledAs]}
          </Badge>
          <Caption1>Change or leave it under My enrolments.</Caption1>
        </div>
      ) : c.eligibleAs.length > 0 ? (
        <div className={styles.row}>
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
        <ul className={styles.reasons} aria-label={`Why you cannot join ${c.name} in every role`}>
          {c.ineligibleReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {!c.enrolledAs && c.eligibleAs.length > 0 && enrollingAs === null ? (
        <div className={styles.row}>
          {c.eligibleAs.map((r) => (
            <Button key={r} appearance="primary" onClick={() => setEnrollingAs(r)}>
              Enrol in {c.name} as a {r}
            </Button>
          ))}
        </div>
      ) : null}
      {enrollingAs && !c.enrolledAs ? (
        <ResourceView state={catalog} onRetry={onRetryCatalog} loadingLabel="the skills catalog">
          {(skills) => (
            <EnrolmentForm
              mode={{ kind: "new", cohortId: c.id, cohortName: c.name, roles: c.eligibleAs, role: enrollingAs }}
              catalog={skills}
              onCancel={() => setEnrollingAs(null)}
              onSaved={(saved) => {
                setEnrollingAs(null);
                onEnrolled(saved);
              }}
            />
          )}
        </ResourceView>
      ) : null}
    </Card>
  );
}

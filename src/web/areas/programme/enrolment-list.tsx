import { useState } from "react";
import { Button, Caption1, Card, CardHeader, Text, makeStyles, tokens } from "@fluentui/react-components";
import { meEndpoints } from "../../api/endpoints.js";
import { decodeEnrolment, decodeNothing } from "../../api/programme-decoders.js";
import type { CatalogSkill, Enrolment, SearchSharing } from "../../api/programme-types.js";
import { ErrorState } from "../../components/error-state.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { EmptyState } from "../../components/empty-state.js";
import { useSession } from "../../session/session.js";
import { FactList } from "../shared/fact-list.js";
import { formatInstant } from "../shared/format-instant.js";
import { useAction } from "../shared/use-action.js";
import { EnrolmentForm, SHAREABLE_LABELS } from "./enrolment-form.js";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface EnrolmentListProps {
  enrolments: readonly Enrolment[];
  catalog: readonly CatalogSkill[];
  /** Cohort names by id (open cohorts and my pairs); ids of cohorts still taking enrolments may be edited. */
  cohortNames: ReadonlyMap<string, string>;
  editable: ReadonlySet<string>;
  onChanged: () => void;
}

/** My enrolments: what I gave, with change (while enrolment is open) and leave (which erases). */
export function EnrolmentList({ enrolments, ...rest }: EnrolmentListProps) {
  const styles = useStyles();
  if (enrolments.length === 0) {
    return <EmptyState title="You are not enrolled in any cohort">Enrol in an open cohort above; your enrolment then appears here.</EmptyState>;
  }
  return (
    <ul className={styles.list} aria-label="My enrolments">
      {enrolments.map((e) => (
        <li key={e.cohortId}>
          <EnrolmentCard enrolment={e} {...rest} />
        </li>
      ))}
    </ul>
  );
}

function EnrolmentCard({ enrolment: e, catalog, cohortNames, editable, onChanged }: Omit<EnrolmentListProps, "enrolments"> & { enrolment: Enrolment }) {
  const styles = useStyles();
  const { me } = useSession();
  const [editing, setEditing] = useState(false);
  const leave = useAction((api, signal) => api.delete(meEndpoints.myEnrolment(e.cohortId), decodeNothing, { signal }), onChanged);
  // What I share in search may change at any time, also after the cohort stopped taking enrolments.
  const share = useAction((api, signal, sharing: SearchSharing) => api.patch(meEndpoints.myEnrolment(e.cohortId), { sharing }, decodeEnrolment, { signal }), onChanged);
  const name = cohortNames.get(e.cohortId) ?? "A cohort that no longer takes enrolments";
  const label = (id: string) => catalog.find((s) => s.id === id)?.label ?? id;
  const rows: Array<[string, string]> = [
    ["Role", e.role === "mentor" ? "Mentor" : "Mentee"],
    [e.role === "mentor" ? "Skills you teach" : "Topics you want to learn", [...e.skills.map(label), ...e.tags].join(", ") || "None given"],
    ["Languages", e.languages.join(", ") || "None given"],
    ...(e.role === "mentor" ? [["In Teams and Outlook search", sharingText(e.sharing)] as [string, string]] : []),
    ["Consent", `${e.consent.textVersion}, given ${formatInstant(e.consent.acceptedAt, me.timeZone)}`],
  ];
  return (
    <Card className={styles.card} data-enrolment={e.cohortId}>
      <CardHeader header={<Text weight="semibold">{name}</Text>} />
      {editing ? (
        <EnrolmentForm
          mode={{ kind: "edit", cohortName: name, enrolment: e }}
          catalog={catalog}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <>
          <FactList rows={rows} />
          <div className={styles.actions}>
            {editable.has(e.cohortId) ? <Button onClick={() => setEditing(true)}>Change enrolment in {name}</Button> : null}
            {e.role === "mentor" ? (
              <Button
                disabled={share.pending}
                onClick={() => void share.run(e.sharing.discoverable ? { discoverable: false, fields: [] } : { discoverable: true, fields: ["skills"] })}
              >
                {e.sharing.discoverable ? `Stop showing me in search for ${name}` : `Let colleagues find me in search for ${name}`}
              </Button>
            ) : null}
            <ConfirmDialog
              trigger={<Button>Leave {name}</Button>}
              title={`Leave ${name}?`}
              confirmLabel="Leave and erase my enrolment"
              onConfirm={() => leave.run()}
              pending={leave.pending}
              error={leave.error}
              destructive
            >
              Leaving erases your enrolment in {name} for good: the copy of your directory profile, the {e.role === "mentor" ? "skills" : "topics"},
              tags, languages and preferences you gave, and your consent record. The programme team can no longer match you in this cohort. If
              you have a partner in it, your pair ends and its future sessions are cancelled in Outlook; your name and directory details in the
              pair become “Former participant”, and the reasons you typed on sessions and your feedback in this cohort are erased.
              You can enrol again while the cohort takes enrolments.
            </ConfirmDialog>
          </div>
          {share.error ? <ErrorState error={share.error} /> : null}
          {e.updatedAt !== e.createdAt ? <Caption1>Last changed {formatInstant(e.updatedAt, me.timeZone)}</Caption1> : null}
        </>
      )}
    </Card>
  );
}

/** "Findable; your card shows: Your name, Job title, Skills I teach", or that I cannot be found. */
function sharingText(sharing: SearchSharing): string {
  if (!sharing.discoverable) return "Colleagues cannot find you";
  const shown = ["Your name", ...sharing.fields.map((f) => SHAREABLE_LABELS[f])];
  return `Findable; your card shows: ${shown.join(", ")}`;
}

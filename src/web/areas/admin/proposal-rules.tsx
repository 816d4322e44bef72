import { Button, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { PairIds, Proposal } from "../../api/admin-types.js";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

export interface ProposalRulesProps {
  proposal: Proposal;
  /** Person id → display name, from the pairs and unmatched people of the proposal. */
  names: ReadonlyMap<string, string>;
  editable: boolean;
  busy: boolean;
  onAllow: (mentorId: string, menteeId: string) => void;
}

/** What shaped the proposal besides the scores: executives' vetoes, forbidden pairs, locks that broke a rule. */
export function ProposalRules({ proposal, names, editable, busy, onAllow }: ProposalRulesProps) {
  const styles = useStyles();
  const pair = (p: PairIds) => `${names.get(p.mentorId) ?? p.mentorId} and ${names.get(p.menteeId) ?? p.menteeId}`;
  return (
    <>
      <section className={styles.section} aria-label="Vetoes">
        <Subtitle2 as="h3">Vetoes by executives</Subtitle2>
        {proposal.vetoes.length === 0 ? (
          <p>No executive has vetoed a proposed mentor.</p>
        ) : (
          <ul className={styles.list}>
            {proposal.vetoes.map((v) => (
              <li key={`${v.mentorId}:${v.menteeId}`} data-veto>
                {pair(v)}: “{v.reason}” ({new Date(v.at).toLocaleDateString()})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-label="Forbidden pairs">
        <Subtitle2 as="h3">Forbidden pairs</Subtitle2>
        {proposal.forbidden.length === 0 ? (
          <p>No pairs are forbidden.</p>
        ) : (
          <ul className={styles.list}>
            {proposal.forbidden.map((f) => (
              <li key={`${f.mentorId}:${f.menteeId}`} className={styles.item} data-forbidden>
                {pair(f)}
                {editable ? (
                  <Button size="small" disabled={busy} aria-label={`Allow ${pair(f)} again`} onClick={() => onAllow(f.mentorId, f.menteeId)}>
                    Allow again
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {proposal.rejectedLocks.length > 0 ? (
        <section className={styles.section} aria-label="Locks that could not be kept">
          <Subtitle2 as="h3">Locks that could not be kept</Subtitle2>
          <ul className={styles.list}>
            {proposal.rejectedLocks.map((r) => (
              <li key={`${r.mentorId}:${r.menteeId}`}>
                {pair(r)}: {r.problems.map((p) => p.message).join("; ")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

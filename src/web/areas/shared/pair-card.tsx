import { Badge, Caption1, Card, CardHeader, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { MyPair, PairState } from "../../api/programme-types.js";
import { PersonLine } from "./person-line.js";

const STATE_LABELS: Record<PairState, string> = {
  proposed: "Proposed",
  active: "Active",
  paused: "Paused",
  ended: "Ended",
};

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** One pair from my side: who the other person is, and why the matching put us together. */
export function PairCard({ pair }: { pair: MyPair }) {
  const styles = useStyles();
  const other = pair.myRole === "mentor" ? "your mentee" : "your mentor";
  return (
    <Card className={styles.card} data-pair={pair.id}>
      <CardHeader
        header={<PersonLine person={pair.counterpart} size="large" />}
        action={
          <Badge appearance="tint" shape="rounded">
            {STATE_LABELS[pair.state]}
          </Badge>
        }
      />
      <Caption1 className={styles.meta}>
        {pair.cohortName} · {pair.counterpart.displayName} is {other}
      </Caption1>
      <Subtitle2 as="h3">Why you were paired</Subtitle2>
      {pair.reasons.length > 0 ? (
        <ul className={styles.reasons}>
          {pair.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <Caption1>The programme team paired you by hand.</Caption1>
      )}
    </Card>
  );
}

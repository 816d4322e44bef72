import { Badge, Caption1, Card, CardHeader, Subtitle2, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import type { MyPair, PairState } from "../../api/programme-types.js";
import { PairActions } from "./pair-actions.js";
import { PersonLine } from "./person-line.js";

const STATE: Record<PairState, { label: string; color: BadgeProps["color"] }> = {
  proposed: { label: "Proposed", color: "informative" },
  active: { label: "Active", color: "success" },
  paused: { label: "Paused", color: "warning" },
  ended: { label: "Ended", color: "subtle" },
  vetoed: { label: "Vetoed", color: "danger" },
};

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** "Dana is your mentor", "Dana is proposed as your mentor", "You vetoed Dana as your mentor"… */
function relation(pair: MyPair): string {
  const name = pair.counterpart.displayName;
  const role = pair.myRole === "mentor" ? "your mentee" : "your mentor";
  switch (pair.state) {
    case "proposed":
      return `${name} is proposed as ${role}`;
    case "vetoed":
      return `You vetoed ${name} as ${role}; the programme team sees your reason`;
    case "ended":
      return `${name} was ${role}`;
    case "paused":
      return `${name} is ${role}; your sessions are paused`;
    case "active":
      return `${name} is ${role}`;
  }
}

/** One pair from my side: who the other person is, why the matching put us together, what I may do. */
export function PairCard({ pair, onChange }: { pair: MyPair; onChange: (pair: MyPair) => void }) {
  const styles = useStyles();
  const who = relation(pair);
  return (
    <Card className={styles.card} data-pair={pair.id}>
      <CardHeader
        header={<PersonLine person={pair.counterpart} size="large" />}
        action={
          <Badge appearance="tint" shape="rounded" color={STATE[pair.state].color}>
            {STATE[pair.state].label}
          </Badge>
        }
      />
      <Caption1 className={styles.meta}>
        {pair.cohortName} · {who}
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
      <PairActions pair={pair} onChange={onChange} />
    </Card>
  );
}

import { makeStyles, tokens } from "@fluentui/react-components";
import type { MyPair } from "../../api/programme-types.js";
import { PairCard } from "./pair-card.js";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export function PairList({ pairs, label }: { pairs: readonly MyPair[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {pairs.map((p) => (
        <li key={p.id}>
          <PairCard pair={p} />
        </li>
      ))}
    </ul>
  );
}

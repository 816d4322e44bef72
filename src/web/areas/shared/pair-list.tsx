import { makeStyles, tokens } from "@fluentui/react-components";
import type { MyPair } from "../../api/programme-types.js";
import { PairCard } from "./pair-card.js";
import { useLocalUpdates } from "./use-local-updates.js";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export function PairList({ pairs, label }: { pairs: readonly MyPair[]; label: string }) {
  const styles = useStyles();
  const [items, update] = useLocalUpdates(pairs);
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((p) => (
        <li key={p.id}>
          <PairCard pair={p} onChange={update} />
        </li>
      ))}
    </ul>
  );
}

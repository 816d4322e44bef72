import { makeStyles, tokens } from "@fluentui/react-components";
import type { MyPair } from "../../api/programme-types.js";
import { PairCard } from "./pair-card.js";
import { useLocalUpdates } from "./use-local-updates.js";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** My pairs; `onChanged` hears of a veto, pause or resume (a pause cancels sessions shown elsewhere on the screen). */
export function PairList({ pairs, label, onChanged }: { pairs: readonly MyPair[]; label: string; onChanged?: (pair: MyPair) => void }) {
  const styles = useStyles();
  const [items, updateItem] = useLocalUpdates(pairs);
  const update = (pair: MyPair) => {
    updateItem(pair);
    onChanged?.(pair);
  };
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

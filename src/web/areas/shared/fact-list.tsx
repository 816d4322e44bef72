import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "minmax(8rem, max-content) 1fr", columnGap: tokens.spacingHorizontalXL, rowGap: tokens.spacingVerticalXXS },
  pair: { display: "contents" },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

/** Term–value rows (a description list); `dataKey` marks each value for tests and styling hooks. */
export function FactList({ rows, label, dataKey }: { rows: ReadonlyArray<readonly [string, string]>; label?: string; dataKey?: string }) {
  const styles = useStyles();
  return (
    <dl className={styles.facts} aria-label={label}>
      {rows.map(([term, value]) => (
        <div key={term} className={styles.pair}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value} {...(dataKey ? { [`data-${dataKey}`]: term } : {})}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

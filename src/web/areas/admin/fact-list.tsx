import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: tokens.spacingVerticalM, margin: 0 },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** Key figures as a description list: [term, value] pairs; values carry data-fact for tests. */
export function FactList({ label, facts }: { label: string; facts: ReadonlyArray<readonly [string, string]> }) {
  const styles = useStyles();
  return (
    <dl className={styles.list} aria-label={label}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value} data-fact={term}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

import { Spinner, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { display: "flex", justifyContent: "center", padding: tokens.spacingVerticalXXL },
});

/** A labelled spinner: screen readers hear what is loading, not just "busy". */
export function LoadingState({ label }: { label: string }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status" data-state="loading">
      <Spinner size="medium" label={label} labelPosition="below" />
    </div>
  );
}

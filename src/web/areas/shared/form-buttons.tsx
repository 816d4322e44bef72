import { Button, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({ actions: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" } });

/** A form's submit button (disabled and relabelled while its request runs) and, when given, Cancel. */
export function FormButtons({ submitLabel, pendingLabel, pending, onCancel }: { submitLabel: string; pendingLabel: string; pending: boolean; onCancel?: () => void }) {
  const styles = useStyles();
  return (
    <div className={styles.actions}>
      <Button type="submit" appearance="primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
      {onCancel ? (
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      ) : null}
    </div>
  );
}

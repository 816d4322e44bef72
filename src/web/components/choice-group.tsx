import { useId, type ReactNode } from "react";
import { Caption1, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { FieldValidationProps } from "./field-validation.js";

const useStyles = makeStyles({
  root: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  hint: { color: tokens.colorNeutralForeground2 },
  error: { color: tokens.colorPaletteRedForeground1 },
  options: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalL },
  stacked: { flexDirection: "column", flexWrap: "nowrap", rowGap: tokens.spacingVerticalM },
});

export interface ChoiceGroupProps extends FieldValidationProps {
  legend: string;
  hint?: ReactNode;
  /** Options (or nested groups) one under the other instead of side by side. */
  stacked?: boolean;
  children: ReactNode;
}

/**
 * Several checkboxes that answer one question ("Preferred days"): a fieldset whose legend names the
 * group for screen readers, with a hint and the field's validation message like a Fluent <Field>.
 */
export function ChoiceGroup({ legend, hint, stacked = false, children, validationState, validationMessage }: ChoiceGroupProps) {
  const styles = useStyles();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, validationState === "error" ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={styles.root} aria-describedby={describedBy} aria-invalid={validationState === "error" || undefined}>
      <legend className={styles.legend}>
        <Text weight="semibold">{legend}</Text>
      </legend>
      {hint ? (
        <Caption1 id={hintId} className={styles.hint}>
          {hint}
        </Caption1>
      ) : null}
      <div className={mergeClasses(styles.options, stacked && styles.stacked)}>{children}</div>
      {validationState === "error" ? (
        <Caption1 id={errorId} className={styles.error} role="alert">
          {validationMessage}
        </Caption1>
      ) : null}
    </fieldset>
  );
}

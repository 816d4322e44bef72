import { useId, useState, type ReactElement, type ReactNode } from "react";
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ErrorState } from "./error-state.js";
import { fieldValidation } from "./field-validation.js";

export interface ConfirmDialogProps {
  /** The button that opens the dialog. */
  trigger: ReactElement;
  title: string;
  /** What will happen, exactly (what is cancelled, erased, who is told). */
  children: ReactNode;
  confirmLabel: string;
  /** Asks for a reason; `required` refuses to confirm without one. Sent as the `reason` field. */
  reason?: { label: string; required: boolean; maxLength: number };
  /** Does the work; resolves true to close the dialog, false to keep it open showing `error`. */
  onConfirm: (reason: string) => Promise<boolean>;
  pending: boolean;
  error: Error | null;
  destructive?: boolean;
}

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  destructive: { backgroundColor: tokens.colorStatusDangerBackground3, ":hover": { backgroundColor: tokens.colorStatusDangerBackground3Hover } },
});

/** A confirmation before something that cannot simply be taken back; says what will happen. */
export function ConfirmDialog({ trigger, title, children, confirmLabel, reason, onConfirm, pending, error, destructive = false }: ConfirmDialogProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [missing, setMissing] = useState(false);
  const descriptionId = useId();

  async function confirm() {
    if (reason?.required && text.trim() === "") {
      setMissing(true);
      return;
    }
    if (await onConfirm(text.trim())) {
      setOpen(false);
      setText("");
    }
  }

  const reasonValidation = missing ? { validationState: "error" as const, validationMessage: `${reason?.label ?? "A reason"} is required.` } : fieldValidation(error, "reason");
  return (
    <Dialog open={open} onOpenChange={(_, data) => { setOpen(data.open); setMissing(false); }} modalType="modal">
      <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger>
      <DialogSurface aria-describedby={descriptionId}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <div id={descriptionId}>
              <Body1>{children}</Body1>
            </div>
            {reason ? (
              <Field label={reason.label} required={reason.required} {...reasonValidation}>
                <Textarea value={text} maxLength={reason.maxLength} onChange={(_, d) => { setText(d.value); setMissing(false); }} resize="vertical" />
              </Field>
            ) : null}
            {error ? <ErrorState error={error} placedFields={reason ? ["reason"] : []} /> : null}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={pending}>
                Cancel
              </Button>
            </DialogTrigger>
            <Button appearance="primary" className={destructive ? styles.destructive : undefined} disabled={pending} onClick={() => void confirm()}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

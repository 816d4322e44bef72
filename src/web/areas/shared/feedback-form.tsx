import { useState } from "react";
import { Field, Radio, RadioGroup, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { meEndpoints } from "../../api/endpoints.js";
import { decodeFeedback } from "../../api/programme-decoders.js";
import type { MyFeedback, MySession } from "../../api/programme-types.js";
import { ErrorState } from "../../components/error-state.js";
import { fieldValidation } from "../../components/field-validation.js";
import { FormButtons } from "./form-buttons.js";
import { formErrors, useAction } from "./use-action.js";

const RATINGS = [
  { value: 1, label: "1 – Not useful" },
  { value: 2, label: "2 – A little useful" },
  { value: 3, label: "3 – Useful" },
  { value: 4, label: "4 – Very useful" },
  { value: 5, label: "5 – Excellent" },
] as const;

const COMMENT_MAX = 2000;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, paddingTop: tokens.spacingVerticalS },
});

export function ratingLabel(rating: number): string {
  return RATINGS.find((r) => r.value === rating)?.label ?? `${rating} of 5`;
}

/** After a session: how useful was it (1–5) and, optionally, a comment. */
export function FeedbackForm({ session, onSaved, onCancel }: { session: MySession; onSaved: (feedback: MyFeedback) => void; onCancel: () => void }) {
  const styles = useStyles();
  const [rating, setRating] = useState("");
  const [comment, setComment] = useState("");
  const save = useAction(
    (api, signal, body: { rating: number; comment?: string }) => api.post(meEndpoints.sessionAction(session.id, "feedback"), body, decodeFeedback, { signal }),
    onSaved,
  );

  function submit() {
    if (rating === "") {
      save.fail(formErrors([{ field: "rating", message: "Choose how useful the session was, from 1 to 5." }]));
      return;
    }
    const text = comment.trim();
    void save.run({ rating: Number(rating), ...(text ? { comment: text } : {}) });
  }

  return (
    <form
      className={styles.form}
      aria-label={`Feedback on session ${session.sequence}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label="How useful was this session?" required {...fieldValidation(save.error, "rating")}>
        <RadioGroup layout="horizontal" value={rating} onChange={(_, d) => setRating(d.value)}>
          {RATINGS.map((r) => (
            <Radio key={r.value} value={String(r.value)} label={r.label} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Comment (optional)" hint={`The programme team sees your rating and comment. Up to ${COMMENT_MAX} characters.`} {...fieldValidation(save.error, "comment")}>
        <Textarea value={comment} maxLength={COMMENT_MAX} onChange={(_, d) => setComment(d.value)} resize="vertical" />
      </Field>
      {save.error ? <ErrorState error={save.error} placedFields={["rating", "comment"]} /> : null}
      <FormButtons submitLabel="Send feedback" pendingLabel="Sending…" pending={save.pending} onCancel={onCancel} />
    </form>
  );
}

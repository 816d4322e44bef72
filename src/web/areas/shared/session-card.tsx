import { useState } from "react";
import { Badge, Button, Caption1, Card, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ApiClient } from "../../api/client.js";
import { meEndpoints } from "../../api/endpoints.js";
import { decodeMySession } from "../../api/programme-decoders.js";
import type { MySession } from "../../api/programme-types.js";
import { ConfirmDialog } from "../../components/confirm-dialog.js";
import { formatSessionTime } from "../../format/dates.js";
import { FeedbackForm, ratingLabel } from "./feedback-form.js";
import { SESSION_STATE } from "./session-state.js";
import { useAction } from "./use-action.js";

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  top: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
});

export interface SessionCardProps {
  session: MySession;
  /** The viewer's IANA zone: times are shown in it. */
  timeZone: string | null;
  onChange: (session: MySession) => void;
}

/** One session: when (in my zone), its RSVP state, the join link, and what I may do with it. */
export function SessionCard({ session: s, timeZone, onChange }: SessionCardProps) {
  const styles = useStyles();
  const [givingFeedback, setGivingFeedback] = useState(false);
  const when = s.start && s.end ? formatSessionTime(s.start, s.end, timeZone) : "No time found yet";
  const state = SESSION_STATE[s.state];
  return (
    <Card className={styles.card} data-session={s.id}>
      <div className={styles.top}>
        <Text weight="semibold">
          Session {s.sequence} of {s.of} · {when}
        </Text>
        <Badge appearance="tint" shape="rounded" color={state.color}>
          {state.label}
        </Badge>
      </div>
      <Caption1 className={styles.meta}>
        With {s.counterpart.displayName} · {s.cohortName}
      </Caption1>
      {s.problem ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{s.problem.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {s.myFeedback ? (
        <Caption1>
          Your feedback: {ratingLabel(s.myFeedback.rating)}
          {s.myFeedback.comment ? ` — “${s.myFeedback.comment}”` : ""}
        </Caption1>
      ) : null}
      <div className={styles.actions}>
        {s.joinUrl && s.state !== "cancelled" && s.state !== "held" ? (
          <Link href={s.joinUrl} target="_blank" rel="noopener noreferrer">
            Join session {s.sequence} in Teams
          </Link>
        ) : null}
        <SessionActions session={s} when={when} onChange={onChange} onFeedback={() => setGivingFeedback(true)} feedbackOpen={givingFeedback} />
      </div>
      {givingFeedback ? (
        <FeedbackForm
          session={s}
          onCancel={() => setGivingFeedback(false)}
          onSaved={(feedback) => {
            setGivingFeedback(false);
            onChange({ ...s, canGiveFeedback: false, myFeedback: { rating: feedback.rating, comment: feedback.comment } });
          }}
        />
      ) : null}
    </Card>
  );
}

interface SessionActionsProps {
  session: MySession;
  when: string;
  onChange: (session: MySession) => void;
  onFeedback: () => void;
  feedbackOpen: boolean;
}

function SessionActions({ session: s, when, onChange, onFeedback, feedbackOpen }: SessionActionsProps) {
  const perform = (action: "reschedule" | "skip") => (api: ApiClient, signal: AbortSignal, reason: string) =>
    api.post(meEndpoints.sessionAction(s.id, action), reason ? { reason } : {}, decodeMySession, { signal });
  const reschedule = useAction(perform("reschedule"), onChange);
  const skip = useAction(perform("skip"), onChange);
  const reason = { label: "Reason (optional)", required: false, maxLength: 500 };
  return (
    <>
      {s.canReschedule ? (
        <ConfirmDialog
          trigger={<Button size="small">Reschedule session {s.sequence}</Button>}
          title={`Reschedule session ${s.sequence}?`}
          confirmLabel="Find a new time"
          reason={reason}
          onConfirm={(r) => reschedule.run(r)}
          pending={reschedule.pending}
          error={reschedule.error}
        >
          The app moves session {s.sequence} ({when}) to the next time that is free in both calendars and within both working hours,
          updates the Outlook invitation, and tells {s.counterpart.displayName}.
        </ConfirmDialog>
      ) : null}
      {s.canSkip ? (
        <ConfirmDialog
          trigger={<Button size="small">Skip session {s.sequence}</Button>}
          title={`Skip session ${s.sequence}?`}
          confirmLabel="Skip this session"
          reason={reason}
          onConfirm={(r) => skip.run(r)}
          pending={skip.pending}
          error={skip.error}
          destructive
        >
          Session {s.sequence} ({when}) is cancelled and its Outlook invitation withdrawn; {s.counterpart.displayName} is told. It is not moved
          to another date, and the rest of the series stays as it is.
        </ConfirmDialog>
      ) : null}
      {s.canGiveFeedback && !s.myFeedback && !feedbackOpen ? (
        <Button size="small" appearance="primary" onClick={onFeedback}>
          Give feedback on session {s.sequence}
        </Button>
      ) : null}
    </>
  );
}

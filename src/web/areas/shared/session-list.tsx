import { Badge, Caption1, Card, Link, Text, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import type { MySession, SessionState } from "../../api/programme-types.js";
import { PagedList } from "../../components/paged-list.js";
import { formatSessionTime } from "../../format/dates.js";

const STATE: Record<SessionState, { label: string; color: BadgeProps["color"] }> = {
  planned: { label: "Planned", color: "informative" },
  booked: { label: "Invitation sent", color: "informative" },
  accepted: { label: "Accepted", color: "success" },
  tentative: { label: "Tentative", color: "warning" },
  declined: { label: "Declined — finding a new time", color: "danger" },
  rescheduled: { label: "Moved", color: "warning" },
  held: { label: "Held", color: "success" },
  cancelled: { label: "Cancelled", color: "subtle" },
};

const useStyles = makeStyles({
  row: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  top: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  meta: { color: tokens.colorNeutralForeground2 },
});

export interface SessionListProps {
  sessions: readonly MySession[];
  /** The viewer's IANA zone: times are shown in it. */
  timeZone: string | null;
  hasMore?: boolean;
  onLoadMore?: () => void;
  loadingMore?: boolean;
}

/** Sessions with their RSVP state, time in my zone and the Teams join link. */
export function SessionList({ sessions, timeZone, hasMore, onLoadMore, loadingMore }: SessionListProps) {
  const styles = useStyles();
  return (
    <PagedList
      items={sessions}
      label="Sessions"
      getKey={(s) => s.id}
      hasMore={hasMore}
      onLoadMore={onLoadMore}
      loadingMore={loadingMore}
      renderItem={(s) => (
        <Card className={styles.row} data-session={s.id}>
          <div className={styles.top}>
            <Text weight="semibold">
              Session {s.sequence} · {formatSessionTime(s.start, s.end, timeZone)}
            </Text>
            <Badge appearance="tint" shape="rounded" color={STATE[s.state].color}>
              {STATE[s.state].label}
            </Badge>
          </div>
          <Caption1 className={styles.meta}>
            With {s.counterpart.displayName} · {s.cohortName}
          </Caption1>
          {s.joinUrl && s.state !== "cancelled" ? (
            <Link href={s.joinUrl} target="_blank" rel="noopener noreferrer">
              Join session {s.sequence} in Teams
            </Link>
          ) : null}
        </Card>
      )}
    />
  );
}

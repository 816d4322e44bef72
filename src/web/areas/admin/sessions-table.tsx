import { Badge, Caption1, Table, Text, makeStyles, tokens, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, type BadgeProps } from "@fluentui/react-components";
import { CalendarErrorRegular, CalendarCancelRegular } from "@fluentui/react-icons";
import type { AdminSession, SessionProblem, SessionState } from "../../api/admin-types.js";
import { formatSessionTime } from "../../format/dates.js";
import { useSession } from "../../session/session.js";
import { PersonCell } from "./person-cell.js";
import { TablePager, usePage } from "./table-pager.js";

const PAGE_SIZE = 25;

export const SESSION_STATE_LABELS: Record<SessionState, string> = {
  planned: "Planned",
  booked: "Booked",
  accepted: "Accepted",
  tentative: "Tentative",
  declined: "Declined",
  rescheduled: "Rescheduled",
  held: "Held",
  cancelled: "Cancelled",
};

const STATE_COLOURS: Record<SessionState, BadgeProps["color"]> = {
  planned: "subtle",
  booked: "informative",
  accepted: "success",
  tentative: "warning",
  declined: "danger",
  rescheduled: "informative",
  held: "success",
  cancelled: "subtle",
};

const useStyles = makeStyles({
  problem: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  problemTitle: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  // The icon's colour tells them apart at a glance; the words say it for everyone.
  unreadable: { color: tokens.colorPaletteRedForeground1, fontSize: "16px", flexShrink: 0 },
  noTime: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: "16px", flexShrink: 0 },
  problemColumn: { width: "28%" },
});

const WHO = { mentor: "the mentor's", mentee: "the executive's", both: "both" } as const;

/**
 * "Could not read this calendar" (a technical failure: nothing was booked blind) and "no free time"
 * (the calendars were read and are full) need different fixes, so they look different.
 */
export function ProblemCell({ problem }: { problem: SessionProblem }) {
  const styles = useStyles();
  const unreadable = problem.code === "calendarUnreadable";
  const title = unreadable ? `Could not read ${problem.who ? `${WHO[problem.who]} ` : "a "}calendar` : problem.code === "noCommonFreeTime" ? "No free time" : "Could not be placed";
  const Icon = unreadable ? CalendarErrorRegular : CalendarCancelRegular;
  return (
    <span className={styles.problem} data-problem={problem.code}>
      <Text weight="semibold" className={styles.problemTitle}>
        <Icon aria-hidden className={unreadable ? styles.unreadable : styles.noTime} />
        {title}
      </Text>
      <Caption1>{problem.message}</Caption1>
    </span>
  );
}


/** Graph's attendee responseStatus.response, in words. */
const RESPONSE_WORDS: Record<string, string> = {
  none: "no answer yet",
  notResponded: "no answer yet",
  accepted: "accepted",
  tentativelyAccepted: "tentative",
  declined: "declined",
  organizer: "organiser",
};

export interface SessionsTableProps {
  sessions: readonly AdminSession[];
  hasMore: boolean;
  onLoadMore: () => void;
  loadingMore: boolean;
}

/** Every session of the cohort: pair, position in the series, time (admin's zone), state, problem. */
export function SessionsTable({ sessions, hasMore, onLoadMore, loadingMore }: SessionsTableProps) {
  const styles = useStyles();
  // Times in the admin's own (Outlook) time zone, like every other time in the tab.
  const timeZone = useSession().me.timeZone;
  const { rows, page, pageCount, setPage } = usePage(sessions, PAGE_SIZE);
  const loadMore = () => {
    setPage(page + 1);
    onLoadMore();
  };
  return (
    <>
      <Table aria-label="Sessions" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Mentor</TableHeaderCell>
            <TableHeaderCell>Executive</TableHeaderCell>
            <TableHeaderCell>Session</TableHeaderCell>
            <TableHeaderCell>
              <span>
                When
                <Caption1 block>{timeZone ?? "your time"}</Caption1>
              </span>
            </TableHeaderCell>
            <TableHeaderCell>State</TableHeaderCell>
            <TableHeaderCell className={styles.problemColumn}>Problem</TableHeaderCell>
            <TableHeaderCell>Moved</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((s) => (
            <TableRow key={s.id} data-session={s.id} data-session-state={s.state}>
              <TableCell>
                <PersonCell person={s.mentor} />
              </TableCell>
              <TableCell>
                <PersonCell person={s.mentee} />
              </TableCell>
              <TableCell>
                {s.sequence} of {s.of}
              </TableCell>
              <TableCell>{s.start && s.end ? formatSessionTime(s.start, s.end, timeZone) : "Not placed"}</TableCell>
              <TableCell>
                <Badge appearance="tint" color={STATE_COLOURS[s.state]}>
                  {SESSION_STATE_LABELS[s.state]}
                </Badge>
                {s.attendeeResponse ? <Caption1 block>Executive: {RESPONSE_WORDS[s.attendeeResponse] ?? s.attendeeResponse}</Caption1> : null}
              </TableCell>
              <TableCell>{s.problem ? <ProblemCell problem={s.problem} /> : "—"}</TableCell>
              <TableCell>{s.reslotCount > 0 ? `${s.reslotCount}×` : "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePager label="Sessions" page={page} pageCount={pageCount} pageSize={PAGE_SIZE} total={sessions.length} onPage={setPage} hasMore={hasMore} onLoadMore={loadMore} loadingMore={loadingMore} />
    </>
  );
}

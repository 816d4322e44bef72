import { Button, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { UndeliveredNotification } from "../../api/admin-types.js";
import { adminEndpoints } from "../../api/endpoints.js";
import { decodeNothing } from "../../api/programme-decoders.js";
import { EmptyState } from "../../components/empty-state.js";
import { LoadMore } from "../../components/load-more.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import type { PagedResource } from "../../hooks/use-paged-api-resource.js";
import { useSession } from "../../session/session.js";
import { formatInstant } from "../shared/format-instant.js";
import { useAction } from "../shared/use-action.js";

/** What each notification is, in words. */
const KIND_WORDS: Record<string, string> = {
  matched: "Matched",
  "session-booked": "Session booked",
  "session-moved": "Session moved",
  reminder: "Session reminder",
  "feedback-prompt": "Feedback request",
  nominated: "Nomination",
};

/**
 * Notifications that did not reach people: the app is not installed for them (ask them to add it), or
 * delivery failed for good. Either may be sent again once the cause is fixed.
 */
export function UndeliveredPanel({ resource }: { resource: PagedResource<UndeliveredNotification> }) {
  return (
    <ResourceView state={resource.state} onRetry={resource.reload} loadingLabel="notifications">
      {(list) =>
        list.length === 0 ? (
          <EmptyState title="Every notification arrived">Notifications people could not receive (for example without the app installed in Teams) appear here.</EmptyState>
        ) : (
          <>
            <Table aria-label="Notifications that did not arrive" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Person</TableHeaderCell>
                  <TableHeaderCell>Notification</TableHeaderCell>
                  <TableHeaderCell>Why it did not arrive</TableHeaderCell>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Action</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.map((n) => (
                  <UndeliveredRow key={n.id} notification={n} onSent={resource.reload} />
                ))}
              </TableBody>
            </Table>
            <LoadMore resource={resource} />
          </>
        )
      }
    </ResourceView>
  );
}

function UndeliveredRow({ notification: n, onSent }: { notification: UndeliveredNotification; onSent: () => void }) {
  const { me } = useSession();
  const send = useAction((api, signal) => api.post(adminEndpoints.retryNotification(n.id), {}, decodeNothing, { signal }), onSent);
  const who = n.recipientName ?? "Someone no longer in the directory";
  const what = KIND_WORDS[n.kind] ?? n.kind;
  return (
    <TableRow data-undelivered={n.reason}>
      <TableCell>{who}</TableCell>
      <TableCell>{what}</TableCell>
      <TableCell>
        {n.reason === "notInstalled" ? "App not installed in Teams" : "Delivery failed"}
        {n.lastError ? <Caption1 block>{n.lastError}</Caption1> : null}
        {send.error ? <ErrorState error={send.error} /> : null}
      </TableCell>
      <TableCell>{n.finishedAt ? formatInstant(n.finishedAt, me.timeZone) : "—"}</TableCell>
      <TableCell>
        <Button size="small" disabled={send.pending} aria-label={`Send again: ${what.toLowerCase()} to ${who}`} onClick={() => void send.run()}>
          {send.pending ? "Sending…" : "Send again"}
        </Button>
      </TableCell>
    </TableRow>
  );
}

import type { ReactNode } from "react";
import type { EnrolmentRole, MySession } from "../../api/programme-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import type { PagedResource } from "../../hooks/use-paged-api-resource.js";
import { SessionList } from "./session-list.js";
import { TimeZoneNote } from "./time-zone-note.js";

export interface SessionsSectionProps {
  sessions: PagedResource<MySession>;
  /** Only the sessions where I have this role (mentor in My programme, mentee in My mentor). */
  role: EnrolmentRole;
  timeZone: string | null;
  emptyText: ReactNode;
}

/** My sessions (mentor or executive side): loading, not available yet, error, empty, or the list. */
export function SessionsSection({ sessions, role, timeZone, emptyText }: SessionsSectionProps) {
  return (
    <ResourceView
      state={sessions.state}
      onRetry={sessions.reload}
      loadingLabel="your sessions"
      unavailable={{
        what: "Scheduling",
        description:
          "Your sessions, their invitation state, the time in your zone and the Teams join link will appear here once automatic scheduling is switched on for this app.",
      }}
    >
      {(all) => {
        const list = all.filter((s) => s.myRole === role);
        return (
          <>
            {list.length === 0 && !sessions.hasMore ? (
              <EmptyState title="No sessions yet">{emptyText}</EmptyState>
            ) : (
              <>
                <TimeZoneNote timeZone={timeZone} />
                <SessionList sessions={list} timeZone={timeZone} hasMore={sessions.hasMore} onLoadMore={sessions.loadMore} loadingMore={sessions.loadingMore} />
              </>
            )}
            {sessions.loadMoreError ? <ErrorState error={sessions.loadMoreError} onRetry={sessions.loadMore} /> : null}
          </>
        );
      }}
    </ResourceView>
  );
}

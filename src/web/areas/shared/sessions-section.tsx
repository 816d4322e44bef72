import type { ReactNode } from "react";
import type { MySession } from "../../api/programme-types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorState } from "../../components/error-state.js";
import { ResourceView } from "../../components/resource-view.js";
import type { PagedResource } from "../../hooks/use-paged-api-resource.js";
import { SessionList } from "./session-list.js";

export interface SessionsSectionProps {
  sessions: PagedResource<MySession>;
  timeZone: string | null;
  emptyText: ReactNode;
}

/** My sessions (mentor or executive side): loading, not available yet, empty, or the list. */
export function SessionsSection({ sessions, timeZone, emptyText }: SessionsSectionProps) {
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
      {(list) =>
        list.length === 0 ? (
          <EmptyState title="No sessions yet">{emptyText}</EmptyState>
        ) : (
          <>
            <SessionList sessions={list} timeZone={timeZone} hasMore={sessions.hasMore} onLoadMore={sessions.loadMore} loadingMore={sessions.loadingMore} />
            {sessions.loadMoreError ? <ErrorState error={sessions.loadMoreError} onRetry={sessions.loadMore} /> : null}
          </>
        )
      }
    </ResourceView>
  );
}

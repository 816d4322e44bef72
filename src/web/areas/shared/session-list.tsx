import type { MySession } from "../../api/programme-types.js";
import { PagedList } from "../../components/paged-list.js";
import { SessionCard } from "./session-card.js";
import { useLocalUpdates } from "./use-local-updates.js";

export interface SessionListProps {
  sessions: readonly MySession[];
  /** The viewer's IANA zone: times are shown in it. */
  timeZone: string | null;
  hasMore?: boolean;
  onLoadMore?: () => void;
  loadingMore?: boolean;
}

/** Sessions with their RSVP state, time in my zone, join link and actions, ten per page. */
export function SessionList({ sessions, timeZone, hasMore, onLoadMore, loadingMore }: SessionListProps) {
  const [items, update] = useLocalUpdates(sessions);
  return (
    <PagedList
      items={items}
      label="Sessions"
      getKey={(s) => s.id}
      hasMore={hasMore}
      onLoadMore={onLoadMore}
      loadingMore={loadingMore}
      renderItem={(s) => <SessionCard session={s} timeZone={timeZone} onChange={update} />}
    />
  );
}

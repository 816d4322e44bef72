import { useId, useState, type ReactNode } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ChevronLeftRegular, ChevronRightRegular } from "@fluentui/react-icons";

export interface PagedListProps<T> {
  items: readonly T[];
  /** Accessible name of the list, e.g. "Executives". */
  label: string;
  getKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  pageSize?: number;
  /** Server-side paging: the server has more items after `items` (continuation token). */
  hasMore?: boolean;
  onLoadMore?: () => void;
  loadingMore?: boolean;
}

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalM, flexWrap: "wrap" },
});

/** Shows a long list one page at a time, so that thousands of rows never reach the DOM at once. */
export function PagedList<T>({ items, label, getKey, renderItem, pageSize = 10, hasMore = false, onLoadMore, loadingMore = false }: PagedListProps<T>) {
  const styles = useStyles();
  const statusId = useId();
  const [requestedPage, setPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  // Items can shrink under us (a filter, a reload): never show a page past the end.
  const page = Math.min(requestedPage, pageCount - 1);
  const first = page * pageSize;
  const visible = items.slice(first, first + pageSize);
  const isLastPage = page === pageCount - 1;
  const showPager = pageCount > 1 || hasMore;

  return (
    <div>
      <ul className={styles.list} aria-label={label} aria-describedby={showPager ? statusId : undefined}>
        {visible.map((item) => (
          <li key={getKey(item)}>{renderItem(item)}</li>
        ))}
      </ul>
      {showPager ? (
        <nav className={styles.pager} aria-label={`${label}: pages`}>
          <Button icon={<ChevronLeftRegular />} disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Caption1 id={statusId} aria-live="polite">
            {items.length === 0 ? "Nothing to show" : `Showing ${first + 1}–${first + visible.length} of ${items.length}${hasMore ? "+" : ""}`}
          </Caption1>
          {isLastPage && hasMore && onLoadMore ? (
            <Button
              disabled={loadingMore}
              onClick={() => {
                // Ask for the next page now; it shows as soon as its items arrive (the clamp above keeps
                // the current page on screen until then).
                setPage(page + 1);
                onLoadMore();
              }}
            >
              {loadingMore ? "Loading more…" : "Load more"}
            </Button>
          ) : (
            <Button icon={<ChevronRightRegular />} iconPosition="after" disabled={isLastPage} onClick={() => setPage(page + 1)}>
              Next
            </Button>
          )}
        </nav>
      ) : null}
    </div>
  );
}

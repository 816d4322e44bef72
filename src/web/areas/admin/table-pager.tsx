import { useId, useState } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ChevronLeftRegular, ChevronRightRegular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  pager: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The rows of the current page of a long client-side list; the page clamps when the list shrinks. */
export function usePage<T>(items: readonly T[], pageSize: number): { rows: readonly T[]; page: number; pageCount: number; setPage: (page: number) => void } {
  const [requested, setPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(requested, pageCount - 1);
  return { rows: items.slice(page * pageSize, (page + 1) * pageSize), page, pageCount, setPage };
}

export interface TablePagerProps {
  label: string;
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** Server paging: more rows after these (continuation token). */
  hasMore?: boolean;
  onLoadMore?: () => void;
  loadingMore?: boolean;
}

/** Previous / next under a table, and where we are ("Showing 26–50 of 340"). */
export function TablePager({ label, page, pageCount, pageSize, total, onPage, hasMore = false, onLoadMore, loadingMore = false }: TablePagerProps) {
  const styles = useStyles();
  const statusId = useId();
  if (pageCount <= 1 && !hasMore) return null;
  const first = page * pageSize;
  const last = Math.min(total, first + pageSize);
  const atEnd = page >= pageCount - 1;
  return (
    <nav className={styles.pager} aria-label={`${label}: pages`} aria-describedby={statusId}>
      <Button icon={<ChevronLeftRegular />} disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <Caption1 id={statusId} aria-live="polite">
        {total === 0 ? "Nothing to show" : `Showing ${first + 1}–${last} of ${total.toLocaleString()}${hasMore ? "+" : ""}`}
      </Caption1>
      {atEnd && hasMore && onLoadMore ? (
        <Button disabled={loadingMore} onClick={onLoadMore}>
          {loadingMore ? "Loading more…" : "Load more"}
        </Button>
      ) : (
        <Button icon={<ChevronRightRegular />} iconPosition="after" disabled={atEnd} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      )}
    </nav>
  );
}

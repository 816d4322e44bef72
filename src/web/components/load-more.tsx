import { Button } from "@fluentui/react-components";
import type { PagedResource } from "../hooks/use-paged-api-resource.js";
import { ErrorState } from "./error-state.js";

/** "Load more" under a list the server pages, while it has more, and the error of a failed load with Retry. */
export function LoadMore({ resource, what }: { resource: PagedResource<unknown>; what?: string }) {
  const noun = what ? ` ${what}` : "";
  return (
    <>
      {resource.hasMore ? (
        <Button onClick={resource.loadMore} disabled={resource.loadingMore}>
          {resource.loadingMore ? `Loading more${noun}…` : `Load more${noun}`}
        </Button>
      ) : null}
      {resource.loadMoreError ? <ErrorState error={resource.loadMoreError} onRetry={resource.loadMore} /> : null}
    </>
  );
}

// A list the server returns in pages ({ items, continuationToken }): first page like any resource,
// then "Load more" appends the next page using the continuation token.
import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { isAbort, type Decoder } from "../api/client.js";
import type { Paged } from "../api/programme-types.js";
import { SessionContext } from "../session/session.js";
import { useApiResource, type ResourceOptions, type ResourceState } from "./use-api-resource.js";

export interface PagedResource<T> {
  state: ResourceState<T[]>;
  reload: () => void;
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  loadMoreError: Error | null;
}

export function withContinuation(path: string, token: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}continuationToken=${encodeURIComponent(token)}`;
}

export function usePagedApiResource<T>(path: string, decode: Decoder<Paged<T>>, options: ResourceOptions = {}): PagedResource<T> {
  const session = useContext(SessionContext);
  const api = options.client ?? session?.api;
  const [first, reload] = useApiResource(path, decode, options);
  const [more, setMore] = useState<{ items: T[]; token: string | null }>({ items: [], token: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<Error | null>(null);
  const controller = useRef<AbortController | null>(null);

  // A new first page (reload, other path) starts the list again.
  useEffect(() => {
    controller.current?.abort();
    setMore({ items: [], token: first.status === "ready" ? first.data.continuationToken : null });
    setLoadMoreError(null);
    setLoadingMore(false);
  }, [first]);

  useEffect(() => () => controller.current?.abort(), []);

  const loadMore = useCallback(() => {
    if (!api || !more.token || loadingMore) return;
    const c = new AbortController();
    controller.current = c;
    setLoadingMore(true);
    setLoadMoreError(null);
    api.get(withContinuation(path, more.token), decode, { signal: c.signal }).then(
      (page) => {
        setMore((m) => ({ items: [...m.items, ...page.items], token: page.continuationToken }));
        setLoadingMore(false);
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        setLoadMoreError(error instanceof Error ? error : new Error(String(error)));
        setLoadingMore(false);
      },
    );
  }, [api, path, decode, more.token, loadingMore]);

  const state: ResourceState<T[]> = first.status === "ready" ? { status: "ready", data: [...first.data.items, ...more.items] } : first;
  return { state, reload, hasMore: more.token !== null, loadMore, loadingMore, loadMoreError };
}

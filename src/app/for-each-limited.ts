// Bounded concurrency for I/O over many items (Graph calls, Cosmos writes): a big cohort or tenant neither
// crawls one by one nor floods the service.

/**
 * Runs `work` over the items with at most `limit` in flight. Stops taking new items after the first
 * failure (or once `signal` is aborted), waits for the ones in flight (nothing keeps running after the
 * caller has its answer), then throws that first failure (or the abort reason).
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      if (signal?.aborted) {
        failure = { error: signal.reason };
        break;
      }
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

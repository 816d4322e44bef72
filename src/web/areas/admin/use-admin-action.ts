// Runs one admin change (save, lock, publish…) at a time for a part of a screen: which action is busy
// (to disable its button and say what is happening) and the last error (shown beside the controls).
import { useCallback, useState } from "react";
import type { ApiClient } from "../../api/client.js";
import { useSession } from "../../session/session.js";

export interface AdminAction {
  /** The label of the running action, or null. */
  busy: string | null;
  error: Error | null;
  /** Runs `work` unless another action runs; resolves to its result, or undefined when it failed. */
  run<T>(label: string, work: (api: ApiClient) => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

export function useAdminAction(): AdminAction {
  const { api } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const run = useCallback(
    async <T>(label: string, work: (client: ApiClient) => Promise<T>): Promise<T | undefined> => {
      setBusy(label);
      setError(null);
      try {
        return await work(api);
      } catch (e) {
        setError(e instanceof Error ? e : new Error(String(e)));
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [api],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}

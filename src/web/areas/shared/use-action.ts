// One thing a person does on a screen (enrol, veto, skip…): the request, whether it is under way, and
// its error for the form or dialog to show. A screen that went away aborts its request.
import { useCallback, useEffect, useRef, useState } from "react";
import { isAbort, type ApiClient } from "../../api/client.js";
import { ApiError } from "../../api/problem.js";
import type { FieldError } from "../../api/types.js";
import { useSession } from "../../session/session.js";

export interface Action<A extends unknown[]> {
  /** Runs the request; true when it succeeded (its result went to onDone). */
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  error: Error | null;
  /** Shows errors found before asking the server (same display as the server's 400). */
  fail: (error: Error) => void;
  clear: () => void;
}

export function useAction<A extends unknown[], R>(
  perform: (api: ApiClient, signal: AbortSignal, ...args: A) => Promise<R>,
  onDone: (result: R) => void,
): Action<A> {
  const { api } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      controller.current?.abort();
      const c = new AbortController();
      controller.current = c;
      setPending(true);
      setError(null);
      try {
        const result = await perform(api, c.signal, ...args);
        setPending(false);
        onDone(result);
        return true;
      } catch (e) {
        if (isAbort(e)) return false;
        setPending(false);
        setError(e instanceof Error ? e : new Error(String(e)));
        return false;
      }
    },
    [api, perform, onDone],
  );

  const clear = useCallback(() => setError(null), []);
  return { run, pending, error, fail: setError, clear };
}

/** Errors the form found itself, shaped like the server's 400 so they show next to the same fields. */
export function formErrors(fieldErrors: FieldError[]): ApiError {
  return new ApiError({ kind: "http", status: 400, title: "Check the highlighted fields", fieldErrors });
}

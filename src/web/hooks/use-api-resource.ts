// Loads one API resource for a screen: loading → ready | empty-handled-by-screen | unavailable | error,
// with a reload for the Retry button. Requests of a screen that went away are aborted.
import { useCallback, useContext, useEffect, useState } from "react";
import { isAbort, type ApiClient, type Decoder } from "../api/client.js";
import { ApiError } from "../api/problem.js";
import { SessionContext } from "../session/session.js";

export type ResourceState<T> =
  | { status: "loading" }
  | { status: "ready"; data: T }
  /** The API answered 404 for an endpoint that a later version adds: say so, never fake data. */
  | { status: "unavailable" }
  | { status: "error"; error: Error };

export interface ResourceOptions {
  /** What a 404 means for this endpoint: the feature is not deployed yet, or a real error. */
  notFound?: "unavailable" | "error";
  /** Defaults to the signed-in session's client; the dev sign-in screen passes an anonymous one. */
  client?: ApiClient;
}

export function useApiResource<T>(path: string, decode: Decoder<T>, options: ResourceOptions = {}): [ResourceState<T>, () => void] {
  const session = useContext(SessionContext);
  const api = options.client ?? session?.api;
  if (!api) throw new Error("useApiResource needs a signed-in session or an explicit client.");
  const notFound = options.notFound ?? "error";
  const [state, setState] = useState<ResourceState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    api.get(path, decode, { signal: controller.signal }).then(
      (data) => setState({ status: "ready", data }),
      (error: unknown) => {
        if (isAbort(error)) return;
        if (notFound === "unavailable" && error instanceof ApiError && error.kind === "http" && error.status === 404) {
          setState({ status: "unavailable" });
          return;
        }
        setState({ status: "error", error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [api, path, decode, notFound, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [state, reload];
}

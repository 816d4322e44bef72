import type { ReactNode } from "react";
import type { ResourceState } from "../hooks/use-api-resource.js";
import { ErrorState } from "./error-state.js";
import { LoadingState } from "./loading-state.js";
import { NotAvailableState } from "./not-available-state.js";

export interface ResourceViewProps<T> {
  state: ResourceState<T>;
  onRetry: () => void;
  /** "your sessions" → "Loading your sessions…" */
  loadingLabel: string;
  /** Shown when the endpoint is not deployed yet: what this part is, and what will appear here. */
  unavailable?: { what: string; description: ReactNode };
  children: (data: T) => ReactNode;
}

/** The four states every data-backed part of a screen has, rendered the same way everywhere. */
export function ResourceView<T>({ state, onRetry, loadingLabel, unavailable, children }: ResourceViewProps<T>) {
  switch (state.status) {
    case "loading":
      return <LoadingState label={`Loading ${loadingLabel}…`} />;
    case "error":
      return <ErrorState error={state.error} onRetry={onRetry} />;
    case "unavailable":
      return <NotAvailableState what={unavailable?.what ?? "This"}>{unavailable?.description}</NotAvailableState>;
    case "ready":
      return <>{children(state.data)}</>;
  }
}

import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorState } from "./error-state.js";

interface State {
  error: Error | null;
}

/**
 * Catches render errors and failed code-split chunk loads (e.g. a new deployment replaced the files)
 * so that one broken area never blanks the whole tab.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is the browser's own log; no tokens or personal data are in a render error.
    console.error("A screen of the tab failed to render", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return <ErrorState error={this.state.error} retryLabel="Reload the app" onRetry={() => window.location.reload()} />;
    }
    return this.props.children;
  }
}

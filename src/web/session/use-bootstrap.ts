import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApiError } from "../api/problem.js";
import { sessionStorageStore } from "../auth/dev-session-store.js";
import type { ThemeName } from "../theme/theme-name.js";
import { bootstrap, signInAsDevPerson, type BootDeps } from "./bootstrap.js";
import type { BootState } from "./session.js";

export interface Bootstrap {
  state: BootState;
  retry: () => void;
  /** Dev sign-in: resolves when signed in; rejects with the reason to show on the sign-in screen. */
  signInAs: (person: { userId: string; displayName: string }) => Promise<void>;
  /** Dev sign-in only: forget the person and go back to the picker. */
  signOut: () => void;
}

export function useBootstrap(onHostTheme: (theme: ThemeName) => void): Bootstrap {
  const [state, setState] = useState<BootState>({ step: "starting" });
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const store = useMemo(() => sessionStorageStore(), []);

  const onSignedOut = useCallback(
    (error: ApiError) => {
      const current = stateRef.current;
      // Only a running session reacts; during start-up the bootstrap itself decides what comes next.
      if (current.step !== "signed-in") return;
      if (current.session.via === "dev" && current.session.config) {
        store.clear();
        setState({ step: "dev-sign-in", config: current.session.config, notice: "Your dev session ended. Choose a person to sign in again." });
      } else {
        setState({ step: "failed", error, inHost: true });
      }
    },
    [store],
  );

  const deps: BootDeps = useMemo(() => ({ store, onHostTheme, onSignedOut }), [store, onHostTheme, onSignedOut]);

  useEffect(() => {
    let live = true;
    setState({ step: "starting" });
    bootstrap(deps)
      .then((next) => {
        // A transition: React keeps the start-up spinner until a code-split screen has loaded, instead of
        // showing a Suspense fallback and then throttling the reveal (~300 ms in React 19).
        if (live) startTransition(() => setState(next));
      })
      .catch((error: unknown) => {
        if (live) setState({ step: "failed", error: error instanceof Error ? error : new Error(String(error)), inHost: false });
      });
    return () => {
      live = false;
    };
    // `attempt` re-runs the whole start-up after a failure.
  }, [deps, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const signInAs = useCallback(
    async (person: { userId: string; displayName: string }) => {
      const current = stateRef.current;
      if (current.step !== "dev-sign-in") throw new Error("Dev sign-in is not available now.");
      const session = await signInAsDevPerson(person, current.config, deps);
      startTransition(() => setState({ step: "signed-in", session }));
    },
    [deps],
  );

  const signOut = useCallback(() => {
    const current = stateRef.current;
    if (current.step !== "signed-in" || current.session.via !== "dev" || !current.session.config) return;
    store.clear();
    setState({ step: "dev-sign-in", config: current.session.config, notice: null });
  }, [store]);

  return { state, retry, signInAs, signOut };
}

import { startTransition, useCallback, useEffect, useState } from "react";
import { DEFAULT_AREA, areaFromHash, hashFor, type AreaDef, type AreaId } from "./areas.js";

/** The current area lives in the URL hash so that reload, back/forward and links keep the place. */
export function useAreaNavigation(allowed: readonly AreaDef[], initial: AreaId | null): [AreaId, (area: AreaId) => void] {
  const [area, setArea] = useState<AreaId>(() => areaFromHash(window.location.hash, allowed) ?? initial ?? DEFAULT_AREA);

  useEffect(() => {
    const onHashChange = () => startTransition(() => setArea(areaFromHash(window.location.hash, allowed) ?? DEFAULT_AREA));
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [allowed]);

  // A person who lost a role (or followed a link to an area they cannot see) lands on a real area.
  useEffect(() => {
    if (!allowed.some((a) => a.id === area)) setArea(DEFAULT_AREA);
  }, [allowed, area]);

  const navigate = useCallback((next: AreaId) => {
    // The current area stays on screen until the next one's code has loaded (no spinner flash).
    startTransition(() => setArea(next));
    if (window.location.hash !== hashFor(next)) {
      window.history.pushState(null, "", hashFor(next));
      // pushState fires no event; areas with their own places inside (Admin) follow popstate.
      window.dispatchEvent(new PopStateEvent("popstate"));
    }
  }, []);

  return [area, navigate];
}

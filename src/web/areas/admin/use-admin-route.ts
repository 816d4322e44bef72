// The Admin area's place, kept in the URL hash (see admin-route.ts), followed as it changes.
import { useCallback, useEffect, useState } from "react";
import { adminHash, parseAdminRoute, type AdminRoute } from "./admin-route.js";

export function useAdminRoute(): [AdminRoute, (route: AdminRoute) => void] {
  const [route, setRoute] = useState(() => parseAdminRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseAdminRoute(window.location.hash));
    // hashchange for links and our own navigation; popstate for the shell's pushState (Admin tab).
    window.addEventListener("hashchange", follow);
    window.addEventListener("popstate", follow);
    return () => {
      window.removeEventListener("hashchange", follow);
      window.removeEventListener("popstate", follow);
    };
  }, []);
  const navigate = useCallback((next: AdminRoute) => {
    const hash = adminHash(next);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(next);
  }, []);
  return [route, navigate];
}

// A resource the screen also changes: changes answer with the new version (shown at once), and a reload
// keeps the last version on screen until the fresh one arrives, so running panels are not unmounted.
import { useEffect, useState } from "react";
import type { ResourceState } from "../../hooks/use-api-resource.js";

export function useCurrentData<T>(loaded: ResourceState<T>): [ResourceState<T>, (data: T) => void] {
  const [current, setCurrent] = useState<T | null>(null);
  useEffect(() => {
    if (loaded.status === "ready") setCurrent(loaded.data);
  }, [loaded]);
  return [current === null ? loaded : { status: "ready", data: current }, setCurrent];
}

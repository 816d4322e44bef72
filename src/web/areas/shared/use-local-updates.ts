// Items a person changed on this screen (a skipped session, a paused pair) replace the loaded ones
// without reloading the list, so paging and scroll position stay where they were.
import { useCallback, useMemo, useState } from "react";

export function useLocalUpdates<T extends { id: string }>(items: readonly T[]): [T[], (item: T) => void] {
  const [updated, setUpdated] = useState<ReadonlyMap<string, T>>(new Map());
  const merged = useMemo(() => items.map((item) => updated.get(item.id) ?? item), [items, updated]);
  const update = useCallback((item: T) => setUpdated((m) => new Map(m).set(item.id, item)), []);
  return [merged, update];
}

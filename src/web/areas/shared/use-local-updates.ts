// Items a person changed on this screen (a skipped session, a paused pair) replace the loaded ones
// without reloading the list, so paging and scroll position stay where they were. A change holds only
// while the loaded item is the one it changed: once a reload brings a different version, that wins.
import { useCallback, useMemo, useRef, useState } from "react";

interface Override<T> {
  /** The loaded item when the person changed it (JSON, to notice a newer version from the server). */
  from: string;
  to: T;
}

export function useLocalUpdates<T extends { id: string }>(items: readonly T[]): [T[], (item: T) => void] {
  const [overrides, setOverrides] = useState<ReadonlyMap<string, Override<T>>>(new Map());
  const loaded = useRef(items);
  loaded.current = items;

  const merged = useMemo(
    () =>
      items.map((item) => {
        const o = overrides.get(item.id);
        return o && o.from === JSON.stringify(item) ? o.to : item;
      }),
    [items, overrides],
  );

  const update = useCallback((item: T) => {
    const base = loaded.current.find((i) => i.id === item.id);
    setOverrides((m) => new Map(m).set(item.id, { from: JSON.stringify(base ?? null), to: item }));
  }, []);
  return [merged, update];
}

// The tab's areas and who sees them. Roles come from /api/me; the API enforces access on every
// route, this only decides what the navigation offers.
import type { Role } from "../api/types.js";

export type AreaId = "about" | "programme" | "mentor" | "admin";

export interface AreaDef {
  id: AreaId;
  label: string;
  /** null = everyone signed in. */
  requires: Role | null;
}

export const AREAS: readonly AreaDef[] = [
  { id: "about", label: "About you", requires: null },
  { id: "programme", label: "My programme", requires: "employee" },
  { id: "mentor", label: "My mentor", requires: "executive" },
  { id: "admin", label: "Admin", requires: "admin" },
];

export const DEFAULT_AREA: AreaId = "about";

export function areasFor(roles: readonly Role[]): AreaDef[] {
  return AREAS.filter((a) => a.requires === null || roles.includes(a.requires));
}

/** "#/admin" → "admin" when the person may see it; anything else → null. */
export function areaFromHash(hash: string, allowed: readonly AreaDef[]): AreaId | null {
  const id = hash.replace(/^#\/?/, "").split(/[/?]/)[0] ?? "";
  return allowed.find((a) => a.id === id)?.id ?? null;
}

/** A host deep link (teams-js page.subPageId) names an area the same way the hash does. */
export function areaFromSubPageId(subPageId: string | null, allowed: readonly AreaDef[]): AreaId | null {
  return subPageId ? areaFromHash(subPageId, allowed) : null;
}

export function hashFor(area: AreaId): string {
  return `#/${area}`;
}

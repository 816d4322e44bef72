// Where the admin is inside the Admin area, kept in the URL hash after "#/admin" so that reload, links
// and back/forward keep the place: "#/admin", "#/admin/cohorts/new", "#/admin/cohorts/{id}/{tab}".

export const COHORT_TABS = ["settings", "matching", "schedule", "health"] as const;
export type CohortTab = (typeof COHORT_TABS)[number];

export type AdminRoute = { screen: "home" } | { screen: "new-cohort" } | { screen: "cohort"; cohortId: string; tab: CohortTab };

export function parseAdminRoute(hash: string): AdminRoute {
  const parts = hash.replace(/^#\/?/, "").split("?")[0]!.split("/").filter(Boolean);
  if (parts[0] !== "admin" || parts[1] !== "cohorts" || !parts[2]) return { screen: "home" };
  if (parts[2] === "new") return { screen: "new-cohort" };
  const tab = COHORT_TABS.find((t) => t === parts[3]) ?? "settings";
  return { screen: "cohort", cohortId: decodeURIComponent(parts[2]), tab };
}

export function adminHash(route: AdminRoute): string {
  switch (route.screen) {
    case "home":
      return "#/admin";
    case "new-cohort":
      return "#/admin/cohorts/new";
    case "cohort":
      return `#/admin/cohorts/${encodeURIComponent(route.cohortId)}/${route.tab}`;
  }
}

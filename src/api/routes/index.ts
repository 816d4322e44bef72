// Every API route, in one list: the router mounts it and the OpenAPI document describes it.
import { z } from "zod";
import type { ApiDeps } from "../api-deps.js";
import { buildOpenApiDocument } from "../openapi.js";
import { defineRoute, type AnyRoute } from "../route.js";
import { cohortRoutes } from "./cohorts.js";
import { configRoute } from "./config.js";
import { devPeopleRoute, devSignInRoute } from "./dev.js";
import { directorySyncRoutes } from "./directory-sync.js";
import { enrolmentRoutes } from "./enrolments.js";
import { healthRoute } from "./health.js";
import { getJobRoute, listJobsRoute } from "./jobs.js";
import { meRoute } from "./me.js";
import { preferencesRoutes } from "./preferences.js";
import { schedulingRoutes } from "./scheduling.js";
import { sessionRoutes } from "./sessions.js";
import { graphNotificationRoutes } from "./graph-notifications.js";
import { searchGroupsRoute } from "./groups.js";
import { feedbackRoutes } from "./feedback.js";
import { cohortHealthRoute } from "./health-dashboard.js";
import { cohortExportRoute } from "./export.js";
import { matchingRoutes } from "./matching.js";
import { pairRoutes } from "./pairs.js";
import { notificationRoutes } from "./notifications.js";

export function apiRoutes(
  deps: Pick<ApiDeps, "devSignIn" | "publicBaseUrl" | "adminAppRole" | "directorySync" | "programme" | "scheduling" | "matching" | "notificationDeliveries">,
): AnyRoute[] {
  const routes: AnyRoute[] = [healthRoute, configRoute, meRoute, listJobsRoute, getJobRoute, ...graphNotificationRoutes];
  // The dev sign-in does not exist at all in Azure mode (404 like any unknown path), not just "disabled".
  if (deps.devSignIn) routes.push(devPeopleRoute, devSignInRoute);
  if (deps.directorySync) routes.push(...directorySyncRoutes);
  if (deps.scheduling) routes.push(...sessionRoutes, ...schedulingRoutes, ...preferencesRoutes);
  if (deps.programme) routes.push(...cohortRoutes, ...enrolmentRoutes);
  if (deps.programme?.groups) routes.push(searchGroupsRoute);
  if (deps.programme) routes.push(...feedbackRoutes, cohortHealthRoute, cohortExportRoute);
  if (deps.matching) routes.push(...matchingRoutes, ...pairRoutes);
  if (deps.matching && deps.notificationDeliveries) routes.push(...notificationRoutes);
  const document = (): Record<string, unknown> =>
    buildOpenApiDocument([...routes, openApiRoute], {
      title: "Reverse Mentorship API",
      version: "0.1.0",
      description: "API of the reverse mentorship app for Microsoft Teams and Outlook. Errors are application/problem+json (RFC 9457).",
      serverUrl: deps.publicBaseUrl,
      adminAppRole: deps.adminAppRole,
    });
  let cached: Record<string, unknown> | null = null;
  const openApiRoute: AnyRoute = defineRoute({
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document (OpenAPI 3.1).",
    tags: ["operations"],
    access: "public",
    response: { status: 200, description: "OpenAPI 3.1 document", schema: z.record(z.string(), z.unknown()) },
    handle: async (): Promise<Record<string, unknown>> => (cached ??= document()),
  });
  return [...routes, openApiRoute];
}

// Dev sign-in (embedded mode only; not mounted in Azure mode): lets the tab, outside Teams, pick a person
// of the dev tenant and get the same kind of token Teams SSO would give.
import { z } from "zod";
import { defineRoute } from "../route.js";
import { ProblemError } from "../problem.js";

const roleSchema = z.enum(["employee", "executive", "admin"]);
const tenantIdSchema = z.string().regex(/^[0-9a-fA-F-]{36}$/, "must be a tenant id (GUID)");

const devPeopleSchema = z
  .object({
    tenantId: z.string(),
    people: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        jobTitle: z.string().nullable(),
        department: z.string().nullable(),
        userPrincipalName: z.string(),
        role: roleSchema,
      }),
    ),
  })
  .meta({ id: "DevPeople" });

const devTokenSchema = z.object({ token: z.string(), expiresOn: z.string().describe("ISO 8601") }).meta({ id: "DevToken" });

function devSignInOf(deps: { devSignIn: unknown }) {
  // Routes are only mounted when devSignIn exists; this guards against wiring mistakes.
  if (!deps.devSignIn) throw new ProblemError("not-found", "The dev sign-in exists only in embedded mode.");
}

export const devPeopleRoute = defineRoute({
  method: "get",
  path: "/api/dev/people",
  operationId: "listDevPeople",
  summary: "Embedded mode only: people of the dev tenant to sign in as.",
  tags: ["dev"],
  access: "public",
  query: z.object({
    role: roleSchema.default("employee"),
    limit: z.coerce.number().int().min(1).max(200).default(10),
    tenantId: tenantIdSchema.optional().describe("Defaults to the primary dev tenant."),
  }),
  response: { status: 200, description: "People", schema: devPeopleSchema },
  problems: [404],
  handle: async ({ query }, deps) => {
    devSignInOf(deps);
    return deps.devSignIn!.people(query.role, query.limit, query.tenantId ?? null);
  },
});

export const devSignInRoute = defineRoute({
  method: "post",
  path: "/api/dev/signin",
  operationId: "devSignIn",
  summary: "Embedded mode only: a Teams-SSO-shaped token for a dev tenant person.",
  tags: ["dev"],
  access: "public",
  body: z.object({
    userId: z.string().min(1, "is required").max(320).describe("Object id or userPrincipalName."),
    tenantId: tenantIdSchema.optional(),
  }),
  response: { status: 200, description: "Token", schema: devTokenSchema },
  problems: [404],
  handle: async ({ body }, deps) => {
    devSignInOf(deps);
    return deps.devSignIn!.signIn(body.userId, body.tenantId ?? null);
  },
});

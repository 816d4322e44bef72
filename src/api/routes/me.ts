import { z } from "zod";
import { getMe } from "../../app/get-me.js";
import { defineRoute } from "../route.js";

const personRefSchema = z.object({ id: z.string(), displayName: z.string() }).meta({ id: "PersonRef" });

export const meSchema = z
  .object({
    tenantId: z.string(),
    userId: z.string().describe("Entra object id."),
    displayName: z.string(),
    userPrincipalName: z.string(),
    mail: z.string().nullable(),
    jobTitle: z.string().nullable(),
    department: z.string().nullable(),
    officeLocation: z.string().nullable(),
    timeZone: z.string().nullable().describe('IANA time zone of the mailbox, e.g. "Europe/London"; null without a mailbox.'),
    windowsTimeZone: z.string().nullable().describe('The mailbox\'s own zone name, usually Windows, e.g. "GMT Standard Time".'),
    manager: personRefSchema.nullable(),
    roles: z.array(z.enum(["employee", "executive", "admin"])),
  })
  .meta({ id: "Me" });

export const meRoute = defineRoute({
  method: "get",
  path: "/api/me",
  operationId: "getMe",
  summary: "The signed-in person: identity, directory profile and roles.",
  tags: ["me"],
  access: "user",
  response: { status: 200, description: "The signed-in person", schema: meSchema },
  problems: [404, 503],
  handle: ({ caller }, deps) => getMe({ directory: deps.directory }, caller),
});

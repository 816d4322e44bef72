import { z } from "zod";
import { defineRoute } from "../route.js";

const clientConfigSchema = z
  .object({
    mode: z.enum(["embedded", "azure"]),
    clientId: z.string().describe("The app registration's client id, for Teams SSO."),
    devSignIn: z.boolean().describe("True when the dev sign-in (/api/dev/*) is available (embedded mode only)."),
  })
  .meta({ id: "ClientConfig" });

/** What the tab needs before anyone is signed in. */
export const configRoute = defineRoute({
  method: "get",
  path: "/api/config",
  operationId: "getClientConfig",
  summary: "Bootstrap settings for the tab.",
  tags: ["app"],
  access: "public",
  response: { status: 200, description: "Settings", schema: clientConfigSchema },
  handle: async (_input, deps) => ({ mode: deps.mode, clientId: deps.clientId, devSignIn: deps.devSignIn !== null }),
});

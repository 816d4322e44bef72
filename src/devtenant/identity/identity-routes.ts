// Entra-shaped identity endpoints: OIDC metadata, JWKS and the v2.0 token endpoint (client_credentials and the
// on-behalf-of jwt-bearer grant). Error bodies follow Entra's AADSTS JSON so that msal-node surfaces them as it
// would in production.
import { randomUUID } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { DevPerson, DevTenantInfo } from "../model.js";
import { API_SCOPE, GRAPH_APP_ID, GRAPH_RESOURCE, type AppRegistration, type AppRegistry } from "./app-registry.js";
import type { KeyRing } from "./signing-keys.js";
import { TokenValidationError, type TokenService } from "./token-service.js";

export interface IdentityTenant {
  info: DevTenantInfo;
  findPerson(idOrAddress: string): DevPerson | undefined;
}

export interface IdentityDeps {
  authorityHost: string;
  /** Graph's root, published as msgraph_host. */
  graphHost: string;
  keys: KeyRing;
  tokens: TokenService;
  apps: AppRegistry;
  /** A tenant by id or verified domain. */
  tenant(idOrDomain: string): IdentityTenant | undefined;
  /** Called for every successful on-behalf-of exchange (a non-interactive sign-in of the user). */
  onSignIn(tenantId: string, userId: string): void;
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

export class AadError extends Error {
  constructor(readonly status: number, readonly error: string, readonly code: number, description: string, readonly suberror?: string) {
    super(description);
  }
}

/** Entra's error body: error, error_description "AADSTSnnnn: …", error_codes, timestamp, trace_id, correlation_id. */
export function sendAadError(res: Response, failure: AadError): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  res.status(failure.status).json({
    error: failure.error,
    error_description: `AADSTS${failure.code}: ${failure.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
  });
}

function openIdConfiguration(deps: IdentityDeps, tenantId: string): Record<string, unknown> {
  const authority = `${deps.authorityHost}/${tenantId}`;
  return {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${authority}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${deps.graphHost}/oidc/userinfo`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
    kerberos_endpoint: `${authority}/kerberos`,
    tenant_region_scope: "EU",
    cloud_instance_name: "dev.tenant.local",
    cloud_graph_host_name: new URL(deps.graphHost).host,
    msgraph_host: new URL(deps.graphHost).host,
    rbac_url: "https://pas.windows.net",
  };
}

function requireTenant(deps: IdentityDeps, idOrDomain: string): IdentityTenant {
  const tenant = deps.tenant(idOrDomain);
  if (!tenant) {
    throw new AadError(400, "invalid_request", 90002, `Tenant '${idOrDomain}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }
  return tenant;
}

/** client_secret_post or client_secret_basic. */
function authenticateClient(deps: IdentityDeps, req: Request, tenant: IdentityTenant): AppRegistration {
  const body = req.body as Record<string, string | undefined>;
  let clientId = body["client_id"];
  let secret = body["client_secret"];
  const basic = /^Basic (.+)$/i.exec(req.get("authorization") ?? "");
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  if (!clientId) throw new AadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
  const app = deps.apps.find(clientId);
  if (!app) {
    throw new AadError(401, "invalid_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant.info.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
  }
  if (!secret) throw new AadError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (secret !== app.clientSecret) {
    throw new AadError(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`);
  }
  return app;
}

function requireParam(body: Record<string, string | undefined>, name: string): string {
  const value = body[name];
  if (!value) throw new AadError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`);
  return value;
}

const isGraphResource = (resource: string): boolean => resource === GRAPH_RESOURCE || resource === `${GRAPH_RESOURCE}/` || resource === GRAPH_APP_ID;

/** Splits "https://graph.microsoft.com/User.Read" into resource + permission. */
function splitScope(scope: string): { resource: string; permission: string } {
  const slash = scope.lastIndexOf("/");
  if (slash < 0) return { resource: GRAPH_RESOURCE, permission: scope };
  return { resource: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

async function clientCredentials(deps: IdentityDeps, tenant: IdentityTenant, app: AppRegistration, body: Record<string, string | undefined>): Promise<Record<string, unknown>> {
  const scope = requireParam(body, "scope").trim();
  const { resource, permission } = splitScope(scope);
  if (scope.includes(" ") || permission !== ".default") {
    throw new AadError(400, "invalid_scope", 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  if (!isGraphResource(resource)) {
    throw new AadError(400, "invalid_resource", 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant.info.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
  }
  const issued = await deps.tokens.issueAppToken(tenant.info, app);
  return { token_type: "Bearer", expires_in: issued.expiresIn, ext_expires_in: issued.expiresIn, access_token: issued.token };
}

async function onBehalfOf(deps: IdentityDeps, tenant: IdentityTenant, app: AppRegistration, body: Record<string, string | undefined>): Promise<Record<string, unknown>> {
  if (body["requested_token_use"] !== "on_behalf_of") {
    throw new AadError(400, "invalid_request", 900144, "The request body must contain the following parameter: 'requested_token_use' with the value 'on_behalf_of'.");
  }
  const assertion = requireParam(body, "assertion");
  const requested = requireParam(body, "scope").split(/\s+/).filter(Boolean);
  let claims;
  try {
    claims = await deps.tokens.verify(assertion, [app.clientId, `api://${app.clientId}`]);
  } catch (error) {
    if (error instanceof TokenValidationError) {
      if (error.reason === "expired" || error.reason === "notYetValid") throw new AadError(400, "invalid_grant", 500133, "Assertion is not within its valid time range.");
      if (error.reason === "badAudience") throw new AadError(400, "invalid_grant", 50013, "Assertion failed signature validation. [Reason - The audience of the assertion does not match the client presenting it.]");
      throw new AadError(400, "invalid_grant", 50013, `Assertion failed signature validation. [Reason - ${error.message}]`);
    }
    throw error;
  }
  if (claims.tid !== tenant.info.tenantId) {
    throw new AadError(400, "invalid_grant", 50013, "Assertion failed signature validation. [Reason - The assertion was issued for another tenant.]");
  }
  if (!(claims.scp ?? "").split(" ").includes(API_SCOPE)) {
    throw new AadError(400, "invalid_grant", 50013, `Assertion failed signature validation. [Reason - The assertion does not carry the '${API_SCOPE}' scope.]`);
  }
  const person = tenant.findPerson(claims.oid);
  if (!person) throw new AadError(400, "invalid_grant", 50020, `User account '${claims.oid}' from identity provider does not exist in tenant '${tenant.info.displayName}'.`);
  if (!person.accountEnabled) throw new AadError(400, "invalid_grant", 50057, "The user account is disabled.");

  const graphScopes = requested.filter((s) => !OIDC_SCOPES.has(s));
  const granted = new Set<string>();
  for (const scope of graphScopes) {
    const { resource, permission } = splitScope(scope);
    if (!isGraphResource(resource)) {
      throw new AadError(400, "invalid_resource", 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant.info.displayName}.`);
    }
    if (permission === ".default") app.graphDelegatedScopes.forEach((s) => granted.add(s));
    else if (app.graphDelegatedScopes.some((s) => s.toLowerCase() === permission.toLowerCase())) granted.add(permission);
    else {
      throw new AadError(400, "invalid_grant", 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`, "consent_required");
    }
  }
  if (granted.size === 0) {
    throw new AadError(400, "invalid_grant", 65001, `The user or administrator has not consented to use the application with ID '${app.clientId}' named '${app.displayName}'. Send an interactive authorization request for this user and resource.`, "consent_required");
  }
  const issued = await deps.tokens.issueDelegatedGraphToken(tenant.info, person, app, [...granted]);
  deps.onSignIn(tenant.info.tenantId, person.id);
  const response: Record<string, unknown> = {
    token_type: "Bearer",
    scope: [...granted].map((s) => `${GRAPH_RESOURCE}/${s}`).join(" "),
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.token,
  };
  if (requested.includes("openid")) {
    response["id_token"] = await deps.tokens.issueIdToken(tenant.info, person, app);
    response["client_info"] = Buffer.from(JSON.stringify({ uid: person.id, utid: tenant.info.tenantId })).toString("base64url");
  }
  return response;
}

export function identityRoutes(deps: IdentityDeps): Router {
  const router = express.Router();
  const handle = (fn: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response): Promise<void> => {
    try {
      await fn(req, res);
    } catch (error) {
      if (error instanceof AadError) sendAadError(res, error);
      else throw error;
    }
  };

  router.get("/common/discovery/v2.0/keys", (_req, res) => {
    res.json(deps.keys.jwks());
  });
  router.get("/:tenant/v2.0/.well-known/openid-configuration", handle((req, res) => {
    const tenant = requireTenant(deps, String(req.params["tenant"]));
    res.json(openIdConfiguration(deps, tenant.info.tenantId));
  }));
  router.get("/:tenant/discovery/v2.0/keys", handle((req, res) => {
    requireTenant(deps, String(req.params["tenant"]));
    res.json(deps.keys.jwks());
  }));
  router.get("/:tenant/oauth2/v2.0/authorize", handle((req, _res) => {
    requireTenant(deps, String(req.params["tenant"]));
    throw new AadError(400, "invalid_request", 900561, "Interactive sign-in is not available in the dev tenant. Use POST /dev/signin to obtain a user's Teams SSO token.");
  }));
  router.post("/:tenant/oauth2/v2.0/token", express.urlencoded({ extended: false, limit: "64kb" }), handle(async (req, res) => {
    const tenant = requireTenant(deps, String(req.params["tenant"]));
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const grantType = requireParam(body, "grant_type");
    if (grantType !== "client_credentials" && grantType !== JWT_BEARER) {
      throw new AadError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`);
    }
    const app = authenticateClient(deps, req, tenant);
    const result = grantType === "client_credentials" ? await clientCredentials(deps, tenant, app, body) : await onBehalfOf(deps, tenant, app, body);
    res.set("Cache-Control", "no-store").json(result);
  }));
  return router;
}

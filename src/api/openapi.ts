// The OpenAPI 3.1 document, generated from the route declarations and their zod schemas (zod v4's
// JSON Schema output is draft 2020-12, which is what OpenAPI 3.1 uses). Named schemas (`.meta({ id })`)
// become components.
import { z } from "zod";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemSchema } from "./problem.js";
import type { AnyRoute } from "./route.js";

type Json = Record<string, unknown>;

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  serverUrl: string;
  adminAppRole: string;
}

export function buildOpenApiDocument(routes: readonly AnyRoute[], info: OpenApiInfo): Json {
  const components = new SchemaComponents();
  components.add(problemSchema, "output");
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method] = operation(route, components, info.adminAppRole);
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas: components.all(),
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "Microsoft Entra ID v2 access token for this app (Teams SSO), scope access_as_user." },
      },
    },
  };
}

function operation(route: AnyRoute, components: SchemaComponents, adminAppRole: string): Json {
  const op: Json = { operationId: route.operationId, summary: route.summary, tags: route.tags };
  if (route.description) op.description = route.description;
  const parameters = [...parametersOf(route.params, "path", components), ...parametersOf(route.query, "query", components)];
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body) op.requestBody = { required: true, content: { "application/json": { schema: components.add(route.body, "input") } } };
  const responses: Json = {};
  responses[String(route.response.status)] = route.response.schema
    ? { description: route.response.description, content: { "application/json": { schema: components.add(route.response.schema, "output") } } }
    : { description: route.response.description };
  for (const status of problemStatuses(route)) {
    responses[String(status)] = { description: titleFor(status), content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } } };
  }
  op.responses = responses;
  if (route.access !== "public") op.security = [{ bearerAuth: [] }];
  if (route.access === "admin") op["x-required-app-role"] = adminAppRole;
  return op;
}

function problemStatuses(route: AnyRoute): number[] {
  const statuses = new Set<number>(route.problems ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.access !== "public") statuses.add(401);
  if (route.access === "admin") statuses.add(403);
  if (route.body) {
    statuses.add(413);
    statuses.add(415);
  }
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

function titleFor(status: number): string {
  return Object.values(PROBLEM_TYPES).find((p) => p.status === status)?.title ?? `Error ${status}`;
}

function parametersOf(schema: z.ZodType | undefined, location: "path" | "query", components: SchemaComponents): Json[] {
  if (!schema) return [];
  const json = components.inline(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, propertySchema]) => {
    const { description, ...rest } = propertySchema;
    return {
      name,
      in: location,
      required: location === "path" ? true : required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

/** Collects named schemas as components and rewrites references to them. */
class SchemaComponents {
  private readonly schemas = new Map<string, Json>();

  /** The schema for use inside the document: a $ref for named schemas, inline otherwise. */
  add(schema: z.ZodType, io: "input" | "output"): Json {
    return this.inline(schema, io);
  }

  inline(schema: z.ZodType, io: "input" | "output"): Json {
    const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
    const defs = (generated.$defs ?? {}) as Record<string, Json>;
    const rename = (id: string) => (io === "input" ? `${id}Input` : id);
    for (const [id, def] of Object.entries(defs)) this.put(rename(id), rewriteRefs(def, rename) as Json);
    const { $schema: _schema, $defs: _defs, ...root } = generated;
    return rewriteRefs(root, rename) as Json;
  }

  all(): Json {
    return Object.fromEntries([...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private put(name: string, def: Json): void {
    const existing = this.schemas.get(name);
    if (existing && JSON.stringify(existing) !== JSON.stringify(def)) throw new Error(`Two different schemas are both named "${name}" (.meta({ id })).`);
    this.schemas.set(name, def);
  }
}

function rewriteRefs(value: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, rename));
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/") ? `#/components/schemas/${rename(v.slice("#/$defs/".length))}` : rewriteRefs(v, rename);
    }
    return out;
  }
  return value;
}

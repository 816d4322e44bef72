// OData query options on event collections (/events, /calendarView): $filter (comparisons on
// start/dateTime, end/dateTime, iCalUId, transactionId, subject, type, showAs, isCancelled, isOrganizer
// joined with `and`), $orderby, $top (1–1000, default 10 like Graph), $select, and an opaque $skiptoken.
import { DateTime } from "luxon";
import type { EventInstance } from "./event-resource.js";
import { GraphFailure } from "./errors.js";

type Op = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

interface Clause {
  field: string;
  op: Op;
  value: string | number | boolean;
}

export interface EventQuery {
  filter: Clause[];
  orderBy: { field: string; descending: boolean } | null;
  top: number;
  skip: number;
  select: string[] | null;
}

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;
const TIME_FIELDS = new Set(["start/datetime", "end/datetime", "createddatetime", "lastmodifieddatetime"]);
const TEXT_FIELDS = new Set(["icaluid", "transactionid", "subject", "type", "showas", "id", "seriesmasterid"]);
const BOOL_FIELDS = new Set(["iscancelled", "isorganizer", "isallday", "isonlinemeeting"]);
const CLAUSE = /^\s*([A-Za-z/]+)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|true|false|null)\s*$/i;

const badFilter = (text: string): GraphFailure => new GraphFailure(400, "BadRequest", `Invalid filter clause: ${text}`);

function parseClause(text: string): Clause {
  const match = CLAUSE.exec(text);
  if (match === null) throw badFilter(text);
  const field = (match[1] ?? "").toLowerCase();
  const op = (match[2] ?? "eq").toLowerCase() as Op;
  const literal = match[3] ?? "";
  if (TIME_FIELDS.has(field)) {
    if (!literal.startsWith("'")) throw badFilter(text);
    // Graph compares event times in UTC when the literal carries no offset.
    const parsed = DateTime.fromISO(literal.slice(1, -1).replace(/(\.\d{3})\d+/, "$1"), { zone: "UTC" });
    if (!parsed.isValid) throw badFilter(text);
    return { field, op, value: parsed.toMillis() };
  }
  if (BOOL_FIELDS.has(field)) {
    if (literal !== "true" && literal !== "false") throw badFilter(text);
    if (op !== "eq" && op !== "ne") throw badFilter(text);
    return { field, op, value: literal === "true" };
  }
  if (TEXT_FIELDS.has(field)) {
    if (!literal.startsWith("'") || (op !== "eq" && op !== "ne")) throw badFilter(text);
    return { field, op, value: literal.slice(1, -1).replace(/''/g, "'") };
  }
  throw new GraphFailure(400, "BadRequest", `The property '${match[1]}' is not supported in $filter by the dev tenant.`);
}

/** Split on " and " outside quoted literals (an even number of quotes follows a top-level "and"). */
function splitAnd(filter: string): string[] {
  return filter.split(/\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)/i);
}

function fieldValue(instance: EventInstance, field: string): string | number | boolean | null {
  const e = instance.base;
  switch (field) {
    case "start/datetime": return instance.start;
    case "end/datetime": return instance.end;
    case "createddatetime": return e.createdAt;
    case "lastmodifieddatetime": return e.modifiedAt;
    case "icaluid": return e.iCalUId;
    case "transactionid": return e.transactionId;
    case "subject": return e.subject;
    case "type": return instance.type;
    case "showas": return e.showAs;
    case "id": return instance.id;
    case "seriesmasterid": return instance.seriesMasterId;
    case "iscancelled": return e.isCancelled;
    case "isorganizer": return e.isOrganizer;
    case "isallday": return e.isAllDay;
    case "isonlinemeeting": return e.isOnlineMeeting;
    default: return null;
  }
}

function compare(actual: string | number | boolean | null, op: Op, expected: string | number | boolean): boolean {
  if (actual === null) return op === "ne";
  if (typeof actual === "string" && typeof expected === "string") {
    const equal = actual.toLowerCase() === expected.toLowerCase();
    return op === "eq" ? equal : !equal;
  }
  switch (op) {
    case "eq": return actual === expected;
    case "ne": return actual !== expected;
    case "gt": return actual > expected;
    case "ge": return actual >= expected;
    case "lt": return actual < expected;
    case "le": return actual <= expected;
  }
}

function parseTop(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE) throw new GraphFailure(400, "BadRequest", `Invalid value '${raw}' for $top: it must be an integer from 1 to ${MAX_PAGE}.`);
  return top;
}

export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), "utf8").toString("base64url");
}

function decodeSkipToken(raw: string | undefined): number {
  if (raw === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { o?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // Fall through to the error below: the token was not one of ours.
  }
  throw new GraphFailure(400, "BadRequest", "The $skiptoken is not valid; follow @odata.nextLink exactly as returned.");
}

export function readEventQuery(query: Record<string, string | undefined>): EventQuery {
  const filterText = query["$filter"];
  const filter = filterText === undefined || filterText.trim() === "" ? [] : splitAnd(filterText).map(parseClause);
  let orderBy: EventQuery["orderBy"] = null;
  const orderText = query["$orderby"];
  if (orderText !== undefined && orderText.trim() !== "") {
    const m = /^\s*([A-Za-z/]+)(?:\s+(asc|desc))?\s*$/i.exec(orderText);
    const field = m?.[1]?.toLowerCase();
    if (m === null || field === undefined || !(TIME_FIELDS.has(field) || TEXT_FIELDS.has(field))) throw new GraphFailure(400, "BadRequest", `Unsupported $orderby '${orderText}'.`);
    orderBy = { field, descending: (m[2] ?? "asc").toLowerCase() === "desc" };
  }
  const selectText = query["$select"];
  const select = selectText === undefined || selectText.trim() === "" ? null : selectText.split(",").map((s) => s.trim()).filter((s) => s !== "");
  return { filter, orderBy, top: parseTop(query["$top"]), skip: decodeSkipToken(query["$skiptoken"]), select };
}

/** Filter and order; paging is left to the caller. */
export function applyEventQuery(instances: readonly EventInstance[], query: EventQuery): EventInstance[] {
  const kept = instances.filter((i) => query.filter.every((c) => compare(fieldValue(i, c.field), c.op, c.value)));
  if (query.orderBy !== null) {
    const { field, descending } = query.orderBy;
    kept.sort((a, b) => {
      const x = fieldValue(a, field) ?? "";
      const y = fieldValue(b, field) ?? "";
      const order = x < y ? -1 : x > y ? 1 : 0;
      return descending ? -order : order;
    });
  }
  return kept;
}

// Express routes of the calendar half. calendarRoutes is mounted by the core under /v1.0 after Graph
// auth, faults and counters (the caller is in res.locals.graph); devCalendarRoutes under /dev without
// auth. Handlers stay thin: build a GraphRequest, call the operation, send the reply or Graph's error.
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from "express";
import type { GraphCallContext } from "../model.js";
import * as dev from "../calendar/api-dev.js";
import { answerEvent, calendarView, cancelEvent, createEvent, deleteEvent, getEvent, listEvents, patchEvent } from "../calendar/api-events.js";
import { getMailboxSetting, getMailboxSettings, getSchedule } from "../calendar/api-schedule.js";
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions, renewSubscription } from "../calendar/api-subscriptions.js";
import type { GraphReply, GraphRequest } from "../calendar/api-support.js";
import { DevInputError, GraphFailure } from "../calendar/errors.js";
import type { CalendarService } from "../calendar/index.js";
import { sendGraphError } from "./errors.js";

type Operation = (svc: CalendarService, req: GraphRequest) => GraphReply | Promise<GraphReply>;

const USER_PREFIXES = ["/users/:userId", "/me"] as const;
const EVENT_COLLECTIONS = ["events", "calendar/events"] as const;

/** Parse JSON bodies unless an earlier layer (or the core's $batch dispatcher) already did. */
function jsonBody(): RequestHandler {
  const parse = express.json({ limit: "4mb", type: ["application/json", "application/*+json", "text/json"] });
  return (req, res, next) => (req.body !== undefined ? next() : parse(req, res, next));
}

function singleValues(query: Request["query"]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    values[key] = Array.isArray(value) ? String(value[0]) : typeof value === "string" ? value : undefined;
  }
  return values;
}

function graphRequest(req: Request, res: Response): GraphRequest {
  const ctx = res.locals["graph"] as GraphCallContext | undefined;
  if (ctx === undefined) throw new GraphFailure(401, "InvalidAuthenticationToken", "Access token is empty.");
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.params as Record<string, string | string[] | undefined>)) {
    if (typeof value === "string") params[key] = value;
  }
  return {
    ctx,
    path: req.path,
    user: params["userId"] ?? "me",
    params,
    query: singleValues(req.query),
    prefer: req.headers["prefer"],
    body: req.body,
  };
}

function send(res: Response, reply: GraphReply): void {
  const requestId = String(res.locals["requestId"] ?? "");
  if (requestId !== "") res.set({ "request-id": requestId, "client-request-id": requestId });
  res.set(reply.headers ?? {});
  if (reply.body === undefined) {
    res.status(reply.status).end();
    return;
  }
  res.status(reply.status).json(reply.body);
}

function graphError(res: Response, error: unknown, next: NextFunction): void {
  if (error instanceof GraphFailure) {
    sendGraphError(res, error.status, error.code, error.message, error.headers);
    return;
  }
  if (error instanceof SyntaxError && "status" in error) {
    sendGraphError(res, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
    return;
  }
  next(error);
}

function handle(svc: CalendarService, operation: Operation): RequestHandler {
  return async (req, res, next) => {
    try {
      svc.sync();
      send(res, await operation(svc, graphRequest(req, res)));
    } catch (error) {
      graphError(res, error, next);
    }
  };
}

function paths(suffix: string): string[] {
  return USER_PREFIXES.map((prefix) => `${prefix}${suffix}`);
}

function eventPaths(suffix: string): string[] {
  return EVENT_COLLECTIONS.flatMap((collection) => paths(`/${collection}${suffix}`));
}

/** Graph v1.0 calendar routes (relative to /v1.0). */
export function calendarRoutes(svc: CalendarService): Router {
  const router = express.Router();
  router.use(jsonBody());

  router.get(paths("/mailboxSettings"), handle(svc, getMailboxSettings));
  router.get(paths("/mailboxSettings/:setting"), handle(svc, getMailboxSetting));
  router.post(paths("/calendar/getSchedule"), handle(svc, getSchedule));

  router.post(eventPaths(""), handle(svc, createEvent));
  router.get(eventPaths(""), handle(svc, listEvents));
  router.get([...paths("/calendarView"), ...paths("/calendar/calendarView")], handle(svc, calendarView));
  router.get(eventPaths("/:eventId"), handle(svc, getEvent));
  router.patch(eventPaths("/:eventId"), handle(svc, patchEvent));
  router.delete(eventPaths("/:eventId"), handle(svc, deleteEvent));
  router.post(eventPaths("/:eventId/cancel"), handle(svc, cancelEvent));
  router.post(eventPaths("/:eventId/accept"), handle(svc, (s, r) => answerEvent(s, r, "accepted")));
  router.post(eventPaths("/:eventId/tentativelyAccept"), handle(svc, (s, r) => answerEvent(s, r, "tentativelyAccepted")));
  router.post(eventPaths("/:eventId/decline"), handle(svc, (s, r) => answerEvent(s, r, "declined")));

  router.post("/subscriptions", handle(svc, createSubscription));
  router.get("/subscriptions", handle(svc, listSubscriptions));
  router.get("/subscriptions/:subscriptionId", handle(svc, getSubscription));
  router.patch("/subscriptions/:subscriptionId", handle(svc, renewSubscription));
  router.delete("/subscriptions/:subscriptionId", handle(svc, deleteSubscription));

  // A malformed JSON body on one of these routes (express.json failed before a handler ran).
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => graphError(res, error, next));
  return router;
}

function devHandle(work: (req: Request) => unknown): RequestHandler {
  return (req, res, next) => {
    try {
      res.status(200).json(work(req));
    } catch (error) {
      if (error instanceof DevInputError) {
        res.status(error.status).json({ error: { code: error.status === 404 ? "notFound" : error.status === 409 ? "conflict" : "badRequest", field: error.field, message: error.message } });
        return;
      }
      next(error);
    }
  };
}

function param(req: Request, name: string): string {
  const value = (req.params as Record<string, string | undefined>)[name];
  return value ?? "";
}

/** Dev control endpoints of the calendar half (relative to /dev). See src/devtenant/calendar/README.md. */
export function devCalendarRoutes(svc: CalendarService): Router {
  const router = express.Router();
  router.use(jsonBody());
  router.post("/tenants/:tenantId/users/:userId/respond", devHandle((req) => dev.devRespond(svc, param(req, "tenantId"), param(req, "userId"), req.body)));
  router.post("/tenants/:tenantId/users/:userId/conflicts", devHandle((req) => dev.devConflict(svc, param(req, "tenantId"), param(req, "userId"), req.body)));
  router.get("/tenants/:tenantId/users/:userId/events", devHandle((req) => dev.devEvents(svc, param(req, "tenantId"), param(req, "userId"))));
  router.get("/behaviour", devHandle(() => dev.devGetBehaviour(svc)));
  router.put("/behaviour", devHandle((req) => dev.devPutBehaviour(svc, req.body)));
  router.get("/notifications", devHandle(() => dev.devGetNotifications(svc)));
  router.put("/notifications", devHandle((req) => dev.devPutNotifications(svc, req.body)));
  router.get("/subscriptions", devHandle(() => dev.devSubscriptions(svc)));
  router.post("/subscriptions/:subscriptionId/lifecycle", devHandle((req) => dev.devLifecycle(svc, param(req, "subscriptionId"), req.body)));
  router.post("/calendar/sync", devHandle(() => {
    svc.sync();
    return { synced: true };
  }));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof SyntaxError && "status" in error) {
      res.status(400).json({ error: { code: "badRequest", field: "body", message: "The body is not valid JSON." } });
      return;
    }
    next(error);
  });
  return router;
}

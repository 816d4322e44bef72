// GET /users/{id}/mailboxSettings[/{setting}] and POST /users/{id}/calendar/getSchedule.
import { contextUrl, outputFormat, resolveMailbox, type GraphReply, type GraphRequest } from "./api-support.js";
import { GraphFailure } from "./errors.js";
import { readScheduleRequest, scheduleInformation } from "./free-busy.js";
import type { CalendarService } from "./index.js";
import { mailboxSetting, mailboxSettingsOf } from "./mailbox-settings.js";
import { requirePermission } from "./permissions.js";

function settingsContext(req: GraphRequest, segment: string): string {
  return req.user.toLowerCase() === "me" ? "Me/mailboxSettings" : `${segment}/mailboxSettings`;
}

export function getMailboxSettings(svc: CalendarService, req: GraphRequest): GraphReply {
  requirePermission(req.ctx, "MailboxSettings.Read");
  const mailbox = resolveMailbox(svc, req);
  requirePermission(req.ctx, "MailboxSettings.Read", mailbox.person.id);
  const settings = mailboxSettingsOf(mailbox.person, svc.deps.clock.now());
  return { status: 200, body: { "@odata.context": contextUrl(svc, settingsContext(req, mailbox.contextSegment)), ...settings } };
}

export function getMailboxSetting(svc: CalendarService, req: GraphRequest): GraphReply {
  requirePermission(req.ctx, "MailboxSettings.Read");
  const mailbox = resolveMailbox(svc, req);
  requirePermission(req.ctx, "MailboxSettings.Read", mailbox.person.id);
  const name = req.params["setting"] ?? "";
  const setting = mailboxSetting(mailbox.person, name, svc.deps.clock.now());
  if (setting === undefined) throw new GraphFailure(400, "BadRequest", `Resource not found for the segment '${name}'.`);
  return { status: 200, body: { "@odata.context": contextUrl(svc, `${settingsContext(req, mailbox.contextSegment)}/${name}`), ...setting } };
}

export function getSchedule(svc: CalendarService, req: GraphRequest): GraphReply {
  requirePermission(req.ctx, "Calendars.Read");
  // The calendar in the path must exist; delegated callers may read others' free/busy.
  const { directory } = resolveMailbox(svc, req);
  const request = readScheduleRequest(req.body);
  const format = outputFormat(req);
  return {
    status: 200,
    headers: format.applied,
    body: {
      "@odata.context": contextUrl(svc, "Collection(microsoft.graph.scheduleInformation)"),
      value: request.schedules.map((address) => scheduleInformation(svc.reader, directory, address, request, format.zone)),
    },
  };
}

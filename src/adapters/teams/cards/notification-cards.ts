// The proactive messages: one Adaptive Card per notification kind, each with a deep link into the tab
// (and the Teams meeting join link where there is one). `summary` is what Teams shows in the toast and
// the chat list, so it stays short and never includes anything but names and the cohort.
import type {
  FeedbackPromptNotification,
  MatchedNotification,
  NominationNotification,
  ReminderNotification,
  SessionBookedNotification,
  SessionDetails,
  SessionMoveReason,
  SessionMovedNotification,
} from "../../../app/messaging/notifier.js";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import {
  adaptiveCard,
  calendarDate,
  field,
  fixedText,
  openUrl,
  plainText,
  whenField,
  type CardActions,
  type CardBody,
} from "./card-elements.js";
import { cohortPath, pairPath, sessionPath, tabDeepLink, type TabLinks } from "./deep-links.js";

export interface NotificationMessage {
  summary: string;
  card: IAdaptiveCard;
}

export function matchedMessage(n: MatchedNotification, links: TabLinks): NotificationMessage {
  const partner = n.partner.displayName;
  const lead = n.role === "mentor" ? "You will mentor" : "Your mentor is";
  const body: CardBody = [fixedText("You have a mentorship match", { bold: true, size: "medium" }), fixedText(`${lead}:`), plainText(partner, { bold: true })];
  if (n.partner.jobTitle) body.push(plainText(n.partner.jobTitle, { subtle: true }));
  body.push(field("Cohort", n.cohort.name));
  if (n.reasons.length > 0) {
    body.push(fixedText("Why you were matched", { bold: true }), ...n.reasons.map((reason) => plainText(`• ${reason}`)));
  }
  return {
    summary: `Mentorship match: ${partner}`,
    card: adaptiveCard(body, [openUrl("See your match", tabDeepLink(links, pairPath(n.role, n.pairId), "Your match"))], `You have a mentorship match: ${partner}`),
  };
}

export function sessionBookedMessage(n: SessionBookedNotification, links: TabLinks): NotificationMessage {
  const s = n.session;
  const body: CardBody = [fixedText("Mentorship session booked", { bold: true, size: "medium" }), ...sessionFacts(s)];
  body.push(fixedText("It is in your Outlook calendar; accept, decline or propose a new time there.", { subtle: true }));
  return {
    summary: `Session booked with ${s.partner.displayName}`,
    card: adaptiveCard(body, sessionActions(n.role, s, links), `Mentorship session booked with ${s.partner.displayName}`),
  };
}

const MOVE_REASONS: Record<SessionMoveReason, string> = {
  declined: "The previous time was declined, so the session moved to the next good slot.",
  conflict: "The previous time now clashes with another meeting, so the session moved to the next good slot.",
  rescheduled: "The session was rescheduled.",
  "organizer-changed": "The organiser changed the time in Outlook.",
};

export function sessionMovedMessage(n: SessionMovedNotification, links: TabLinks): NotificationMessage {
  const s = n.session;
  const body: CardBody = [
    fixedText("Mentorship session moved", { bold: true, size: "medium" }),
    fixedText(MOVE_REASONS[n.reason]),
    ...sessionFacts(s),
    whenField("Was", n.previousStart),
  ];
  return {
    summary: `Session with ${s.partner.displayName} moved`,
    card: adaptiveCard(body, sessionActions(n.role, s, links), `Mentorship session with ${s.partner.displayName} moved`),
  };
}

export function reminderMessage(n: ReminderNotification, links: TabLinks): NotificationMessage {
  const s = n.session;
  const body: CardBody = [fixedText("Coming up: your mentorship session", { bold: true, size: "medium" }), ...sessionFacts(s)];
  return {
    summary: `Reminder: session with ${s.partner.displayName}`,
    card: adaptiveCard(body, sessionActions(n.role, s, links), `Reminder: mentorship session with ${s.partner.displayName}`),
  };
}

export function feedbackPromptMessage(n: FeedbackPromptNotification, links: TabLinks): NotificationMessage {
  const s = n.session;
  const body: CardBody = [
    fixedText("How did your session go?", { bold: true, size: "medium" }),
    fixedText("Two minutes of feedback helps your pair and the programme team keep the momentum going."),
    field("With", s.partner.displayName),
    whenField("When", s.start),
  ];
  return {
    summary: `Feedback on your session with ${s.partner.displayName}`,
    card: adaptiveCard(
      body,
      [openUrl("Give feedback", tabDeepLink(links, sessionPath(n.role, s.sessionId, true), "Session feedback"))],
      `How did your mentorship session with ${s.partner.displayName} go?`,
    ),
  };
}

export function nominationMessage(n: NominationNotification, links: TabLinks): NotificationMessage {
  const as = n.role === "mentor" ? "a mentor (you coach a senior leader)" : "a mentee (a junior colleague coaches you)";
  const body: CardBody = [
    fixedText("You have been nominated", { bold: true, size: "medium" }),
    plainText(`${n.nominator.displayName} thinks you would be a great fit for ${n.cohort.name}.`),
    fixedText(`They suggest you join as ${as}.`),
    field("Starts", calendarDate(n.cohort.startsOn)),
  ];
  if (n.note) body.push(fixedText("Their note", { bold: true }), plainText(n.note));
  return {
    summary: `${n.nominator.displayName} nominated you for ${n.cohort.name}`,
    card: adaptiveCard(body, [openUrl("See the cohort", tabDeepLink(links, cohortPath(n.cohort.id), n.cohort.name))], `You have been nominated for ${n.cohort.name}`),
  };
}

function sessionFacts(s: SessionDetails): CardBody {
  const facts: CardBody = [field("With", s.partner.displayName), whenField("When", s.start, s.end), field("Cohort", s.cohortName)];
  if (s.sequence) facts.push(field("Session", `${s.sequence.number} of ${s.sequence.of}`));
  return facts;
}

function sessionActions(role: MatchedNotification["role"], s: SessionDetails, links: TabLinks): CardActions {
  const actions: CardActions = [];
  if (s.joinUrl && isHttpsUrl(s.joinUrl)) actions.push(openUrl("Join Teams meeting", s.joinUrl));
  actions.push(openUrl("Open in Mentorship", tabDeepLink(links, sessionPath(role, s.sessionId), "Your session")));
  return actions;
}

function isHttpsUrl(url: string): boolean {
  return URL.canParse(url) && new URL(url).protocol === "https:";
}

// Cards for the messaging extension: a cohort (search result and link unfurl) and a mentor (search
// result). Each result has a compact preview (the list entry in Teams / Outlook) and the full Adaptive
// Card that is inserted into the message.
import type { CohortSummary, MentorProfile } from "../../../app/messaging/program-search.js";
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  THUMBNAIL_CARD_CONTENT_TYPE,
  adaptiveCard,
  calendarDate,
  field,
  listText,
  openUrl,
  plainText,
  type CardBody,
} from "./card-elements.js";
import { cohortPath, tabDeepLink, type TabLinks } from "./deep-links.js";

/** An entry of a messaging-extension result: the inserted card plus its list preview. */
export interface ResultAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: ReturnType<typeof adaptiveCard>;
  preview: { contentType: typeof THUMBNAIL_CARD_CONTENT_TYPE; content: { title: string; subtitle?: string; text?: string } };
}

export function cohortCard(cohort: CohortSummary, links: TabLinks): ResultAttachment {
  const body: CardBody = [plainText(cohort.name, { bold: true, size: "medium" })];
  if (cohort.description) body.push(plainText(cohort.description));
  body.push(field("Starts", calendarDate(cohort.startsOn)));
  if (cohort.endsOn) body.push(field("Ends", calendarDate(cohort.endsOn)));
  if (cohort.cadence) body.push(field("Format", cadenceText(cohort.cadence)));
  if (cohort.topics.length > 0) body.push(field("Topics", listText(cohort.topics)));
  body.push(field("Enrolment", enrolmentText(cohort)));
  const card = adaptiveCard(body, [openUrl(cohort.enrolment === "open" ? "Enrol or learn more" : "Open in Mentorship", tabDeepLink(links, cohortPath(cohort.id), cohort.name))], `Mentorship cohort: ${cohort.name}`);
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: card,
    preview: {
      contentType: THUMBNAIL_CARD_CONTENT_TYPE,
      content: { title: cohort.name, subtitle: `Starts ${calendarDate(cohort.startsOn)} · ${cohort.enrolment === "open" ? "enrolment open" : "enrolment closed"}` },
    },
  };
}

export function mentorCard(mentor: MentorProfile, links: TabLinks): ResultAttachment {
  const { shared } = mentor;
  const role = [shared.jobTitle, shared.department].filter((v): v is string => typeof v === "string" && v !== "");
  const body: CardBody = [plainText(mentor.displayName, { bold: true, size: "medium" })];
  if (role.length > 0) body.push(plainText(role.join(" · "), { subtle: true }));
  if (shared.skills && shared.skills.length > 0) body.push(field("Can teach", listText(shared.skills)));
  if (shared.languages && shared.languages.length > 0) body.push(field("Languages", listText(shared.languages)));
  if (shared.officeLocation) body.push(field("Office", shared.officeLocation));
  if (shared.about) body.push(plainText(shared.about));
  body.push(field("Mentor in", mentor.cohort.name));
  const card = adaptiveCard(body, [openUrl("See the cohort", tabDeepLink(links, cohortPath(mentor.cohort.id), mentor.cohort.name))], `Mentor: ${mentor.displayName}`);
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: card,
    preview: {
      contentType: THUMBNAIL_CARD_CONTENT_TYPE,
      content: {
        title: mentor.displayName,
        ...(role.length > 0 ? { subtitle: role.join(" · ") } : {}),
        ...(shared.skills && shared.skills.length > 0 ? { text: `Can teach: ${listText(shared.skills)}` } : {}),
      },
    },
  };
}

function cadenceText(cadence: NonNullable<CohortSummary["cadence"]>): string {
  const every = cadence.everyWeeks === 1 ? "every week" : `every ${cadence.everyWeeks} weeks`;
  return `${cadence.sessions} sessions of ${cadence.minutes} minutes, ${every}`;
}

function enrolmentText(cohort: CohortSummary): string {
  if (cohort.enrolment === "closed") return "Closed";
  return cohort.enrolmentClosesOn ? `Open until ${calendarDate(cohort.enrolmentClosesOn)}` : "Open";
}

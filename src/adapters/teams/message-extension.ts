// Messaging-extension invokes (Teams and Outlook), each: parse what Teams sent, call the use case, render.
//   composeExtension/query        → findMentors / findCohorts search, paged by queryOptions.skip/count
//   composeExtension/fetchTask    → the "Nominate a colleague" dialog
//   composeExtension/submitAction → nominateColleague, then a confirmation (or the form with the problems)
//   composeExtension/queryLink    → a cohort card for links to our tab
// The tenant and the acting user always come from the authenticated activity, never from form data.
import type { MessagingExtensionActionResponse, MessagingExtensionResponse } from "@microsoft/teams.api";
import { NotFoundError, UnavailableError, ValidationError, type FieldProblem } from "../../app/errors.js";
import { nominateColleague, type NominateColleagueDeps } from "../../app/messaging/nominate-colleague.js";
import { searchCohorts, searchMentors, type MentorSearchField, type ProgramSearch } from "../../app/messaging/program-search.js";
import type { LogSink } from "./bot-logger.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "./cards/card-elements.js";
import { cohortIdFromLink, type TabLinks } from "./cards/deep-links.js";
import { NOMINATE_ACTION, nominationForm, nominationResultText, type NominationFormValues } from "./cards/nomination-form.js";
import { cohortCard, mentorCard, type ResultAttachment } from "./cards/program-cards.js";

export interface MessageExtensionDeps extends Omit<NominateColleagueDeps, "programs"> {
  programs: ProgramSearch;
  links: TabLinks;
  log: LogSink;
  /** Teams waits 5 s for a search answer; we answer with a message well before that. */
  searchTimeoutMs: number;
}

/** Who is acting, from the authenticated activity. */
export interface InvokeActor {
  tenantId: string;
  /** Entra object id (activity.from.aadObjectId); null when the channel did not provide one. */
  userId: string | null;
}

export interface QueryValue {
  commandId?: string;
  parameters?: Array<{ name?: string; value?: unknown }>;
  queryOptions?: { skip?: number; count?: number };
}

export interface ActionValue {
  commandId?: string;
  data?: unknown;
  messagePayload?: { from?: { user?: { id?: string } | null } | null } | null;
}

export const COMMANDS = { findMentors: "findMentors", findCohorts: "findCohorts", nominate: "nominate" } as const;

const MENTOR_PARAMETERS: Record<string, MentorSearchField> = { skill: "skill", name: "name" };
const OPEN_COHORTS_IN_FORM = 50;

export async function handleQuery(deps: MessageExtensionDeps, actor: InvokeActor, value: QueryValue): Promise<MessagingExtensionResponse> {
  const { text, parameter } = queryText(value);
  const paging = { skip: value.queryOptions?.skip, count: value.queryOptions?.count };
  try {
    if (value.commandId === COMMANDS.findMentors) {
      const by = parameter ? (MENTOR_PARAMETERS[parameter] ?? "any") : "any";
      const page = await withTimeout(searchMentors(deps.programs, { tenantId: actor.tenantId, text, by, ...paging }), deps.searchTimeoutMs);
      return results(page.items.map((m) => mentorCard(m, deps.links)));
    }
    if (value.commandId === COMMANDS.findCohorts) {
      const page = await withTimeout(searchCohorts(deps.programs, { tenantId: actor.tenantId, text, ...paging }), deps.searchTimeoutMs);
      return results(page.items.map((c) => cohortCard(c, deps.links)));
    }
    return message("This search is not available in this version of the app.");
  } catch (error) {
    if (error instanceof ValidationError) return message(error.errors.some((e) => e.field === "text") ? "Please shorten your search (100 characters at most)." : error.message);
    if (error instanceof SearchTimeout || error instanceof UnavailableError) {
      deps.log.warn({ command: value.commandId, reason: error.message }, "Messaging-extension search could not answer in time");
      return message("Search is busy right now. Please try again in a moment.");
    }
    throw error;
  }
}

export async function handleFetchTask(deps: MessageExtensionDeps, actor: InvokeActor, value: ActionValue): Promise<MessagingExtensionActionResponse> {
  if (value.commandId !== COMMANDS.nominate) return taskMessage("This action is not available in this version of the app.");
  const cohorts = await deps.programs.listOpenCohorts(actor.tenantId, OPEN_COHORTS_IN_FORM);
  if (cohorts.length === 0) return taskMessage("No cohort is open for enrolment right now, so there is nothing to nominate for yet.");
  // Started from a message: suggest its author (Teams gives their Entra object id).
  const author = value.messagePayload?.from?.user?.id;
  const suggested = typeof author === "string" && author.toLowerCase() !== actor.userId?.toLowerCase() ? author : undefined;
  return nominationDialog(cohorts, suggested ? { nomineeId: suggested } : {}, []);
}

export async function handleSubmit(deps: MessageExtensionDeps, actor: InvokeActor, value: ActionValue): Promise<MessagingExtensionActionResponse> {
  if (value.commandId !== COMMANDS.nominate) return taskMessage("This action is not available in this version of the app.");
  const data = formData(value.data);
  if (data === null) return taskMessage("That form is out of date. Please start the nomination again.");
  if (!actor.userId) return taskMessage("Teams did not tell us who you are, so the nomination cannot be sent.");
  try {
    const result = await nominateColleague(deps, {
      tenantId: actor.tenantId,
      nominatorId: actor.userId,
      cohortId: data.cohortId ?? "",
      nomineeId: data.nomineeId ?? "",
      role: data.role ?? "",
      note: data.note ?? "",
    });
    return taskMessage(nominationResultText(result));
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError) {
      const problems: FieldProblem[] = error instanceof ValidationError && error.errors.length > 0 ? [...error.errors] : [{ field: "form", message: error.message }];
      const cohorts = await deps.programs.listOpenCohorts(actor.tenantId, OPEN_COHORTS_IN_FORM);
      return nominationDialog(cohorts, data, problems);
    }
    throw error;
  }
}

export async function handleQueryLink(deps: MessageExtensionDeps, actor: InvokeActor, value: { url?: string }): Promise<MessagingExtensionResponse> {
  const cohortId = typeof value.url === "string" ? cohortIdFromLink(deps.links, value.url) : null;
  if (!cohortId) return results([]);
  // Looked up in the sender's tenant only: a link to another organisation's cohort unfurls to nothing.
  const cohort = await deps.programs.getCohort(actor.tenantId, cohortId);
  return results(cohort ? [cohortCard(cohort, deps.links)] : []);
}

function queryText(value: QueryValue): { text: string; parameter: string | null } {
  for (const p of value.parameters ?? []) {
    // With initialRun, Teams sends {name: "initialRun", value: "true"}: show everything.
    if (p.name === "initialRun") continue;
    if (typeof p.value === "string") return { text: p.value, parameter: p.name ?? null };
  }
  return { text: "", parameter: null };
}

function formData(data: unknown): NominationFormValues | null {
  if (data === null || typeof data !== "object") return null;
  const record = data as Record<string, unknown>;
  if (record.action !== NOMINATE_ACTION) return null;
  const text = (key: string): string | undefined => (typeof record[key] === "string" ? (record[key] as string) : undefined);
  const role = text("role");
  return {
    cohortId: text("cohortId"),
    nomineeId: text("nomineeId"),
    role: role === "mentor" || role === "mentee" ? role : undefined,
    note: text("note"),
  };
}

function nominationDialog(cohorts: Parameters<typeof nominationForm>[0], values: NominationFormValues, problems: readonly FieldProblem[]): MessagingExtensionActionResponse {
  return {
    task: {
      type: "continue",
      value: {
        title: "Nominate a colleague",
        width: "medium",
        height: "large",
        card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: nominationForm(cohorts, values, problems) },
      },
    },
  };
}

function results(attachments: ResultAttachment[]): MessagingExtensionResponse {
  return { composeExtension: { type: "result", attachmentLayout: "list", attachments } };
}

function message(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: "message", text } };
}

function taskMessage(text: string): MessagingExtensionActionResponse {
  return { task: { type: "message", value: text } };
}

class SearchTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "SearchTimeout";
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SearchTimeout(ms)), ms);
  });
  // The search itself cannot be cancelled; its late answer (or error) is ignored.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// The "Nominate a colleague" dialog (task module) and the confirmation card. The colleague is chosen with
// the Teams people picker (Input.ChoiceSet over the graph.microsoft.com/users dataset), which submits the
// person's Entra object id; when the action starts from a message, its author is suggested.
import type { IAdaptiveCard, IChoiceSetInput, ISubmitAction, ITextInput } from "@microsoft/teams.cards";
import type { FieldProblem } from "../../../app/errors.js";
import type { ProgramRole } from "../../../app/messaging/notifier.js";
import { MAX_NOTE_LENGTH, type NominationOutcome } from "../../../app/messaging/nominate-colleague.js";
import type { CohortSummary } from "../../../app/messaging/program-search.js";
import { adaptiveCard, calendarDate, fixedText, plainText, type CardBody } from "./card-elements.js";

/** `data.action` of the form's submit button: tells our submissions apart from anything else. */
export const NOMINATE_ACTION = "nominate";

export interface NominationFormValues {
  cohortId?: string;
  nomineeId?: string;
  role?: ProgramRole;
  note?: string;
}

export function nominationForm(cohorts: readonly CohortSummary[], values: NominationFormValues = {}, problems: readonly FieldProblem[] = []): IAdaptiveCard {
  const body: CardBody = [fixedText("Invite a colleague to a mentorship cohort. They get an invitation and decide themselves whether to enrol.", { subtle: true })];
  if (problems.length > 0) {
    body.push({ type: "Container", style: "attention", items: problems.map((p) => plainText(`${FIELD_LABELS[p.field] ?? p.field}: ${p.message}`)) });
  }
  const colleague: IChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "nomineeId",
    label: "Colleague",
    isRequired: true,
    errorMessage: "Choose a colleague",
    placeholder: "Search your organisation",
    choices: [],
    "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" },
    ...(values.nomineeId ? { value: values.nomineeId } : {}),
  };
  const cohort: IChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "cohortId",
    label: "Cohort",
    isRequired: true,
    errorMessage: "Choose a cohort",
    style: "compact",
    choices: cohorts.map((c) => ({ title: `${c.name} (starts ${calendarDate(c.startsOn)})`, value: c.id })),
    ...(values.cohortId ?? cohorts[0]?.id ? { value: values.cohortId ?? cohorts[0]?.id } : {}),
  };
  const role: IChoiceSetInput = {
    type: "Input.ChoiceSet",
    id: "role",
    label: "Invite them as",
    isRequired: true,
    style: "expanded",
    value: values.role ?? "mentor",
    choices: [
      { title: "Mentor: coaches a senior leader", value: "mentor" },
      { title: "Mentee: a leader who wants to learn", value: "mentee" },
    ],
  };
  const note: ITextInput = {
    type: "Input.Text",
    id: "note",
    label: "Why them? (optional, shown in the invitation)",
    isMultiline: true,
    maxLength: MAX_NOTE_LENGTH,
    ...(values.note ? { value: values.note } : {}),
  };
  body.push(colleague, cohort, role, note);
  const submit: ISubmitAction = { type: "Action.Submit", title: "Send invitation", data: { action: NOMINATE_ACTION } };
  return adaptiveCard(body, [submit]);
}

const FIELD_LABELS: Record<string, string> = { nomineeId: "Colleague", cohortId: "Cohort", role: "Role", note: "Note" };

/** What the person who nominated sees after submitting. */
export function nominationResultText(result: NominationOutcome): string {
  const who = result.nominee.displayName;
  const cohort = result.cohort.name;
  switch (result.outcome) {
    case "nominated":
      return result.invitation === "sent"
        ? `Done: ${who} got your invitation to ${cohort} in Teams.`
        : `Done: ${who} will see your invitation to ${cohort} when they open the Mentorship app.`;
    case "already-nominated":
      return `${who} has already been nominated for ${cohort}; they have the invitation.`;
    case "already-enrolled":
      return `${who} is already enrolled in ${cohort}.`;
  }
}

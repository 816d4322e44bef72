// Messaging-extension invokes posted as Teams sends them, answered with Adaptive Cards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TENANT, USER, composeQuery, fetchTask, installationAdd, queryLink, submitAction } from "./activities.js";
import { PEOPLE, TAB_ENDPOINT, TEAMS_APP_ID, startBotHarness, type BotHarness } from "./bot-harness.js";

interface Attachment {
  contentType: string;
  content: { type: string; version: string; body: unknown[]; actions?: Array<{ type: string; title: string; url: string }> };
  preview: { contentType: string; content: { title: string; subtitle?: string; text?: string } };
}

interface QueryBody {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
}

interface TaskBody {
  task: { type: "continue" | "message"; value: string | { title: string; card: { contentType: string; content: { body: Array<Record<string, unknown>>; actions: Array<Record<string, unknown>> } } } };
}

let harness: BotHarness;
const at = () => ({ serviceUrl: harness.connector.serviceUrl });

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness.stop());
beforeEach(() => {
  harness.programs.calls.length = 0;
  harness.programs.delay = null;
});

/** Every string in a card (TextBlock text, TextRun text, titles, urls), for "shows / never shows" checks. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("search: find mentors", () => {
  it("finds mentors by skill and returns a list of Adaptive Cards with previews", async () => {
    const response = await harness.post(composeQuery(at(), "findMentors", [{ name: "skill", value: "generative ai" }]));
    expect(response.status).toBe(200);
    const body = response.body as QueryBody;
    expect(body.composeExtension.type).toBe("result");
    expect(body.composeExtension.attachmentLayout).toBe("list");
    const cards = body.composeExtension.attachments ?? [];
    expect(cards.map((a) => a.preview.content.title)).toEqual(["Grace Obi", "Ravi Kumar"]);
    for (const card of cards) {
      expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(card.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
      expect(card.preview.contentType).toBe("application/vnd.microsoft.card.thumbnail");
    }
    expect(harness.programs.calls).toEqual([{ method: "findMentors", args: { tenantId: TENANT, by: "skill", text: "generative ai", skip: 0, count: 25 } }]);
  });

  it("shows only what the mentor agreed to share", async () => {
    const body = (await harness.post(composeQuery(at(), "findMentors", [{ name: "name", value: "grace" }]))).body as QueryBody;
    const grace = body.composeExtension.attachments?.[0];
    const text = strings(grace?.content);
    expect(text).toContain("Grace Obi");
    expect(text).toContain("Generative AI, TikTok");
    // No job title, department, office or languages were shared, so none of those labels appear.
    for (const label of ["Office", "Languages"]) expect(text).not.toContain(label);
    expect(grace?.preview.content.subtitle).toBeUndefined();

    const lee = ((await harness.post(composeQuery(at(), "findMentors", [{ name: "name", value: "lee" }]))).body as QueryBody).composeExtension.attachments?.[0];
    expect(strings(lee?.content)).toEqual(expect.arrayContaining(["UX Designer · Design", "Leeds", "Accessibility"]));
  });

  it("never renders people's text as markdown", async () => {
    const lee = ((await harness.post(composeQuery(at(), "findMentors", [{ name: "name", value: "lee" }]))).body as QueryBody).composeExtension.attachments?.[0];
    const aboutRun = JSON.stringify(lee?.content).match(/\{[^{}]*\*\*Click\*\*[^{}]*\}/)?.[0] ?? "";
    expect(JSON.parse(aboutRun)).toMatchObject({ type: "TextRun" });
  });

  it("pages with queryOptions.skip and count", async () => {
    const first = (await harness.post(composeQuery(at(), "findMentors", [{ name: "skill", value: "" }], { skip: 0, count: 2 }))).body as QueryBody;
    const second = (await harness.post(composeQuery(at(), "findMentors", [{ name: "skill", value: "" }], { skip: 2, count: 2 }))).body as QueryBody;
    expect(first.composeExtension.attachments?.map((a) => a.preview.content.title)).toEqual(["Grace Obi", "Lee Chen"]);
    expect(second.composeExtension.attachments?.map((a) => a.preview.content.title)).toEqual(["Ravi Kumar"]);
  });

  it("never returns another organisation's mentors", async () => {
    const body = (await harness.post(composeQuery(at(), "findMentors", [{ name: "name", value: "gina" }]))).body as QueryBody;
    expect(body.composeExtension).toEqual({ type: "result", attachmentLayout: "list", attachments: [] });
  });

  it("answers with a message, well before Teams' 5 seconds, when the store is slow", async () => {
    const slowHarness = await startBotHarness({ overrides: { searchTimeoutMs: 50 } });
    try {
      slowHarness.programs.delay = new Promise(() => undefined);
      const body = (await slowHarness.post(composeQuery({ serviceUrl: slowHarness.connector.serviceUrl }, "findMentors", [{ name: "skill", value: "ai" }]))).body as QueryBody;
      expect(body.composeExtension).toEqual({ type: "message", text: "Search is busy right now. Please try again in a moment." });
    } finally {
      await slowHarness.stop();
    }
  });

  it("asks for a shorter search instead of running an oversized one", async () => {
    const body = (await harness.post(composeQuery(at(), "findMentors", [{ name: "skill", value: "x".repeat(101) }]))).body as QueryBody;
    expect(body.composeExtension).toEqual({ type: "message", text: "Please shorten your search (100 characters at most)." });
    expect(harness.programs.calls).toHaveLength(0);
  });
});

describe("search: find cohorts", () => {
  it("lists cohorts on the initial run, soonest first, with facts and a deep link into the tab", async () => {
    const body = (await harness.post(composeQuery(at(), "findCohorts", [{ name: "initialRun", value: "true" }]))).body as QueryBody;
    const cards = body.composeExtension.attachments ?? [];
    expect(cards.map((a) => a.preview.content.title)).toEqual(["Pilot 2029", "Spring 2030: AI for leaders", "Autumn 2030: Inclusive leadership"]);
    const spring = cards[1];
    expect(strings(spring?.content)).toEqual(
      expect.arrayContaining(["Spring 2030: AI for leaders", "Mon 1 Apr 2030", "6 sessions of 30 minutes, every 2 weeks", "Generative AI, Prompting", "Open until Wed 20 Mar 2030"]),
    );
    const action = spring?.content.actions?.[0];
    expect(action).toMatchObject({ type: "Action.OpenUrl", title: "Enrol or learn more" });
    const link = new URL(action?.url ?? "");
    expect(`${link.origin}${link.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/home`);
    expect(JSON.parse(link.searchParams.get("context") ?? "{}")).toEqual({ subEntityId: "programme/cohorts/cohort-2030-spring" });
    expect(link.searchParams.get("webUrl")).toBe(`${TAB_ENDPOINT}/#/programme/cohorts/cohort-2030-spring`);
  });

  it("filters by name or topic", async () => {
    const body = (await harness.post(composeQuery(at(), "findCohorts", [{ name: "keyword", value: "inclusion" }]))).body as QueryBody;
    expect(body.composeExtension.attachments?.map((a) => a.preview.content.title)).toEqual(["Autumn 2030: Inclusive leadership"]);
  });
});

describe("action: nominate a colleague", () => {
  beforeEach(() => {
    harness.nominations.nominations.length = 0;
    harness.nominations.enrolments.length = 0;
    harness.conversations.references.length = 0;
  });

  it("opens a form with the people picker and the cohorts open for enrolment", async () => {
    const body = (await harness.post(fetchTask(at(), "nominate"))).body as TaskBody;
    expect(body.task.type).toBe("continue");
    const value = body.task.value as Exclude<TaskBody["task"]["value"], string>;
    expect(value.title).toBe("Nominate a colleague");
    const inputs = new Map(value.card.content.body.filter((e) => typeof e.id === "string").map((e) => [e.id as string, e]));
    expect(inputs.get("nomineeId")).toMatchObject({ type: "Input.ChoiceSet", isRequired: true, "choices.data": { type: "Data.Query", dataset: "graph.microsoft.com/users" } });
    expect((inputs.get("cohortId")?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(["cohort-2030-spring", "cohort-2030-autumn"]);
    expect(inputs.get("role")).toMatchObject({ value: "mentor" });
    expect(inputs.get("note")).toMatchObject({ type: "Input.Text", isMultiline: true, maxLength: 500 });
    expect(value.card.content.actions).toEqual([{ type: "Action.Submit", title: "Send invitation", data: { action: "nominate" } }]);
  });

  it("suggests the author when started from a message", async () => {
    const body = (await harness.post(fetchTask(at(), "nominate", { id: PEOPLE.ravi, displayName: "Ravi Kumar" }))).body as TaskBody;
    const value = body.task.value as Exclude<TaskBody["task"]["value"], string>;
    expect(value.card.content.body.find((e) => e.id === "nomineeId")).toMatchObject({ value: PEOPLE.ravi });
  });

  it("sends the nominee an invitation card and confirms to the nominator", async () => {
    await harness.post(installationAdd({ serviceUrl: harness.connector.serviceUrl, from: { id: "29:ravi", aadObjectId: PEOPLE.ravi } }));
    const before = harness.connector.received.length;
    const response = await harness.post(submitAction(at(), "nominate", { action: "nominate", nomineeId: PEOPLE.ravi, cohortId: "cohort-2030-spring", role: "mentor", note: "He taught our whole team **Copilot**." }));
    expect(response.body).toEqual({ task: { type: "message", value: "Done: Ravi Kumar got your invitation to Spring 2030: AI for leaders in Teams." } });
    expect(harness.nominations.nominations).toEqual([
      expect.objectContaining({ tenantId: TENANT, cohortId: "cohort-2030-spring", nomineeId: PEOPLE.ravi, nominatorId: USER.aadObjectId, role: "mentor", note: "He taught our whole team **Copilot**." }),
    ]);
    const all = await harness.connector.waitForActivities(before + 1);
    const invitation = all[before];
    expect(invitation?.conversationId).toBe(harness.conversations.references.find((r) => r.userId === PEOPLE.ravi)?.conversationId);
    expect(invitation?.activity.summary).toBe("Aiko Tanaka nominated you for Spring 2030: AI for leaders");
    const card = strings(invitation?.activity.attachments?.[0]?.content);
    expect(card).toEqual(expect.arrayContaining(["Aiko Tanaka thinks you would be a great fit for Spring 2030: AI for leaders.", "He taught our whole team **Copilot**."]));
  });

  it("tells the nominator when the nominee will only see it in the app", async () => {
    const response = await harness.post(submitAction(at(), "nominate", { action: "nominate", nomineeId: PEOPLE.grace, cohortId: "cohort-2030-autumn", role: "mentee", note: "" }));
    expect(response.body).toEqual({ task: { type: "message", value: "Done: Grace Obi will see your invitation to Autumn 2030: Inclusive leadership when they open the Mentorship app." } });
  });

  it("shows the form again with the problems when the submission breaks a rule", async () => {
    const response = await harness.post(submitAction(at(), "nominate", { action: "nominate", nomineeId: USER.aadObjectId, cohortId: "cohort-2030-spring", role: "mentor", note: "" }));
    const body = response.body as TaskBody;
    expect(body.task.type).toBe("continue");
    const value = body.task.value as Exclude<TaskBody["task"]["value"], string>;
    expect(strings(value.card.content.body)).toContain("Colleague: you cannot nominate yourself");
    expect(harness.nominations.nominations).toHaveLength(0);

    const closed = (await harness.post(submitAction(at(), "nominate", { action: "nominate", nomineeId: PEOPLE.lee, cohortId: "cohort-2029-pilot", role: "mentor", note: "" }))).body as TaskBody;
    expect(strings(closed.task.value)).toContain("Cohort: enrolment is closed");
  });

  it("does not nominate twice, nor someone already enrolled", async () => {
    const submit = () => harness.post(submitAction(at(), "nominate", { action: "nominate", nomineeId: PEOPLE.lee, cohortId: "cohort-2030-spring", role: "mentor", note: "" }));
    await submit();
    expect((await submit()).body).toEqual({ task: { type: "message", value: "Lee Chen has already been nominated for Spring 2030: AI for leaders; they have the invitation." } });
    expect(harness.nominations.nominations).toHaveLength(1);
    harness.nominations.enrolments.push({ tenantId: TENANT, cohortId: "cohort-2030-autumn", userId: PEOPLE.grace });
    const enrolled = await harness.post(submitAction(at(), "nominate", { action: "nominate", nomineeId: PEOPLE.grace, cohortId: "cohort-2030-autumn", role: "mentor", note: "" }));
    expect(enrolled.body).toEqual({ task: { type: "message", value: "Grace Obi is already enrolled in Autumn 2030: Inclusive leadership." } });
  });

  it("refuses forms that did not come from our dialog", async () => {
    const response = await harness.post(submitAction(at(), "nominate", { nomineeId: PEOPLE.lee, cohortId: "cohort-2030-spring", role: "mentor" }));
    expect(response.body).toEqual({ task: { type: "message", value: "That form is out of date. Please start the nomination again." } });
    expect(harness.nominations.nominations).toHaveLength(0);
  });
});

describe("link unfurling", () => {
  it("turns a link to one of our cohorts into its card", async () => {
    const body = (await harness.post(queryLink(at(), `${TAB_ENDPOINT}/#/programme/cohorts/cohort-2030-autumn`))).body as QueryBody;
    expect(body.composeExtension.type).toBe("result");
    expect(body.composeExtension.attachments?.map((a) => a.preview.content.title)).toEqual(["Autumn 2030: Inclusive leadership"]);
    const path = (await harness.post(queryLink(at(), `${TAB_ENDPOINT}/cohorts/cohort-2030-spring`))).body as QueryBody;
    expect(path.composeExtension.attachments?.map((a) => a.preview.content.title)).toEqual(["Spring 2030: AI for leaders"]);
  });

  it("unfurls nothing for other hosts, unknown cohorts or another organisation's cohort", async () => {
    for (const url of [
      "https://evil.example/#/programme/cohorts/cohort-2030-autumn",
      `${TAB_ENDPOINT}/#/programme/cohorts/no-such-cohort`,
      `${TAB_ENDPOINT}/#/programme/cohorts/cohort-other`,
      `${TAB_ENDPOINT}/#/admin`,
    ]) {
      const body = (await harness.post(queryLink(at(), url))).body as QueryBody;
      expect(body.composeExtension).toEqual({ type: "result", attachmentLayout: "list", attachments: [] });
    }
  });
});

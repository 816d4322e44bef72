// The Teams bot as mounted by the running app (startServer in embedded mode, unauthenticated dev mode):
// real composeExtension/query invokes posted to /api/messages, answered from the cohorts and enrolments in
// the embedded Cosmos DB that the admin and employee APIs created. Enrolment windows are relative to the
// real clock (the dev tenant's tokens are checked against it too), so nothing depends on today's date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { composeQuery } from "./activities.js";

interface Attachment {
  contentType: string;
  content: { type: string; body: unknown[] };
  preview: { contentType: string; content: { title: string; subtitle?: string; text?: string } };
}
interface QueryBody {
  composeExtension: { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
}

const DAY = 86_400_000;
// Never contacted: invoke answers travel back in the HTTP response.
const SERVICE_URL = "https://smba.trafficmanager.net/emea/";
const consent = { accepted: true, textVersion: "2026-01" };

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signInAs("admin");
});
afterAll(async () => t?.stop());

async function createCohort(name: string, token = admin): Promise<string> {
  const now = Date.now();
  const enrolment = { opensAt: new Date(now - DAY).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString() };
  const res = await t.api<{ id: string }>("POST", "/api/admin/cohorts", { token, body: { name, enrolment } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

async function openEnrolment(cohortId: string, token = admin): Promise<void> {
  const res = await t.api("POST", `/api/admin/cohorts/${cohortId}/transitions`, { token, body: { to: "enrolling" } });
  expect(res.status, res.text).toBe(200);
}

async function query(tenantId: string, commandId: string, name: string, value: string): Promise<{ status: number; body: QueryBody }> {
  const res = await fetch(`${t.baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(composeQuery({ serviceUrl: SERVICE_URL, tenantId }, commandId, [{ name, value }])),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as QueryBody };
}

describe("the Teams bot mounted at /api/messages", () => {
  it("answers a findCohorts search with the tenant's announced cohorts, not drafts and not another tenant's", async () => {
    const open = await createCohort("Spring AI Cohort");
    await openEnrolment(open);
    await createCohort("Spring AI Draft");
    const fabrikamAdmin = await t.signInAs("admin", t.tenantIds[1]);
    const elsewhere = await createCohort("Spring AI Fabrikam", fabrikamAdmin);
    await openEnrolment(elsewhere, fabrikamAdmin);

    const res = await query(t.tenantIds[0]!, "findCohorts", "keyword", "spring ai");
    expect(res.status).toBe(200);
    expect(res.body.composeExtension.type).toBe("result");
    const cards = res.body.composeExtension.attachments ?? [];
    expect(cards.map((card) => card.preview.content.title)).toEqual(["Spring AI Cohort"]);
    expect(cards[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(cards[0]!.content)).toContain("Spring AI Cohort");

    const other = await query(t.tenantIds[1]!, "findCohorts", "keyword", "spring ai");
    expect((other.body.composeExtension.attachments ?? []).map((card) => card.preview.content.title)).toEqual(["Spring AI Fabrikam"]);
  });

  it("answers a findMentors search with consenting mentors, sharing only their name and skills", async () => {
    const cohortId = await createCohort("Mentor search cohort");
    await openEnrolment(cohortId);
    const mentor = await t.person("employee");
    const token = await t.signIn(mentor.id);
    const enrolled = await t.api("POST", `/api/cohorts/${cohortId}/enrolments`, {
      token,
      body: { role: "mentor", skills: ["genai-tools", "power-bi"], tags: ["excel tricks"], languages: ["en"], consent },
    });
    expect(enrolled.status, enrolled.text).toBe(201);

    const found = await query(t.tenantIds[0]!, "findMentors", "skill", "generative ai");
    const cards = found.body.composeExtension.attachments ?? [];
    expect(cards.map((card) => card.preview.content.title)).toEqual([mentor.displayName]);
    const card = JSON.stringify(cards[0]);
    expect(card).toContain("Generative AI tools (Copilot, ChatGPT)");
    expect(card).not.toContain("excel tricks");
    if (mentor.jobTitle) expect(card).not.toContain(mentor.jobTitle);

    const none = await query(t.tenantIds[0]!, "findMentors", "skill", "no such skill anywhere");
    expect(none.body.composeExtension.attachments ?? []).toEqual([]);
  });

  it("requires Bot Framework authentication as soon as bot credentials are configured", async () => {
    const authenticated = await startTestApp({
      devTenant: t.devTenant,
      env: { BOT_ID: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", BOT_PASSWORD: "not-a-real-secret" },
    });
    try {
      const res = await fetch(`${authenticated.baseUrl}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(composeQuery({ serviceUrl: SERVICE_URL, tenantId: t.tenantIds[0]! }, "findCohorts", [{ name: "keyword", value: "" }])),
      });
      expect(res.status).toBe(401);
    } finally {
      await authenticated.stop();
    }
  });
});

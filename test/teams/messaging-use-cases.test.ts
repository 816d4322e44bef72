// The SDK-free use cases behind the messaging extension: nominateColleague and the search normalisation.
import { describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "../../src/app/errors.js";
import { nominateColleague, type NominateColleagueDeps, type Nomination } from "../../src/app/messaging/nominate-colleague.js";
import type { NominationNotification, Notifier } from "../../src/app/messaging/notifier.js";
import { normaliseSearch, searchCohorts } from "../../src/app/messaging/program-search.js";
import { TENANT, USER } from "./activities.js";
import { PEOPLE, directoryFixture, programFixture } from "./bot-harness.js";
import { InMemoryConversations, InMemoryNominations } from "./in-memory-ports.js";

function recordingNotifier(): Notifier & { nominated: NominationNotification[] } {
  const nominated: NominationNotification[] = [];
  const unexpected = () => {
    throw new Error("not expected in these tests");
  };
  return { nominated, notifyNominated: (n) => void nominated.push(n), notifyMatched: unexpected, notifySessionBooked: unexpected, notifySessionMoved: unexpected, notifyReminder: unexpected, notifyFeedbackPrompt: unexpected };
}

function deps(overrides: Partial<NominateColleagueDeps> = {}) {
  const notifier = recordingNotifier();
  const nominations = new InMemoryNominations();
  const conversations = new InMemoryConversations();
  const all: NominateColleagueDeps = {
    programs: programFixture(),
    nominations,
    directory: directoryFixture(),
    conversations,
    notifier,
    clock: { now: () => Date.UTC(2030, 2, 4, 12) },
    ...overrides,
  };
  return { all, notifier, nominations, conversations };
}

const input = { tenantId: TENANT, nominatorId: USER.aadObjectId, cohortId: "cohort-2030-spring", nomineeId: PEOPLE.ravi, role: "mentor", note: "  Great teacher  " };

describe("nominateColleague", () => {
  it("records the nomination once and invites the nominee", async () => {
    const { all, notifier, nominations } = deps();
    const result = await nominateColleague(all, input);
    expect(result).toMatchObject({ outcome: "nominated", nominee: { userId: PEOPLE.ravi, displayName: "Ravi Kumar" }, invitation: "shown-in-app" });
    expect(nominations.nominations).toEqual<Nomination[]>([
      { id: `cohort-2030-spring:${PEOPLE.ravi}`, tenantId: TENANT, cohortId: "cohort-2030-spring", nomineeId: PEOPLE.ravi, nominatorId: USER.aadObjectId, role: "mentor", note: "Great teacher", createdAt: Date.UTC(2030, 2, 4, 12) },
    ]);
    expect(notifier.nominated).toEqual([
      {
        recipient: { tenantId: TENANT, userId: PEOPLE.ravi },
        role: "mentor",
        nominator: { userId: USER.aadObjectId, displayName: USER.name },
        cohort: { id: "cohort-2030-spring", name: "Spring 2030: AI for leaders", startsOn: "2030-04-01" },
        note: "Great teacher",
      },
    ]);
  });

  it("reports every problem with the form at once", async () => {
    const error = await nominateColleague(deps().all, { ...input, cohortId: "", nomineeId: "not-a-person", role: "boss", note: "x".repeat(501) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(["cohortId", "nomineeId", "role", "note"]);
  });

  it("refuses unknown cohorts and people outside the directory", async () => {
    await expect(nominateColleague(deps().all, { ...input, cohortId: "cohort-other" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(nominateColleague(deps().all, { ...input, nomineeId: "12345678-1234-4234-8234-123456789012" })).rejects.toThrow(NotFoundError);
  });

  it("treats losing a race to another nominator as already nominated, without a second invitation", async () => {
    const nominations = new InMemoryNominations();
    nominations.find = async () => null; // the check passes, then the insert collides
    nominations.create = async () => {
      throw new ConflictError("exists");
    };
    const { all, notifier } = deps({ nominations });
    const result = await nominateColleague(all, input);
    expect(result.outcome).toBe("already-nominated");
    expect(notifier.nominated).toHaveLength(0);
  });

  it("says the invitation was sent when the nominee has the app", async () => {
    const { all, conversations } = deps();
    await conversations.save({ tenantId: TENANT, conversationId: "a:ravi", serviceUrl: "https://smba.trafficmanager.net/emea", scope: "personal", userId: PEOPLE.ravi, teamId: null, installedAt: 0 });
    expect(await nominateColleague(all, input)).toMatchObject({ outcome: "nominated", invitation: "sent" });
  });

  it("accepts an upper-case object id from the people picker", async () => {
    const { all, nominations } = deps();
    await nominateColleague(all, { ...input, nomineeId: PEOPLE.ravi.toUpperCase() });
    expect(nominations.nominations[0]?.nomineeId).toBe(PEOPLE.ravi);
  });
});

describe("search normalisation", () => {
  it("trims and collapses what people type and caps the page size", () => {
    expect(normaliseSearch({ tenantId: TENANT, text: "  generative \n  ai ", skip: 25, count: 100 })).toEqual({ tenantId: TENANT, text: "generative ai", skip: 25, count: 25 });
    expect(normaliseSearch({ tenantId: TENANT, text: "" })).toEqual({ tenantId: TENANT, text: "", skip: 0, count: 25 });
  });

  it("rejects impossible paging and oversized text", () => {
    const error = (() => {
      try {
        normaliseSearch({ tenantId: TENANT, text: "x".repeat(101), skip: -1, count: 0 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(["text", "skip", "count"]);
  });

  it("never returns more than the page size, even from a store that does", async () => {
    const oversharing = { findCohorts: async () => ({ items: Array.from({ length: 40 }, (_, i) => ({ id: `c${i}` }) as never), hasMore: true }) };
    const page = await searchCohorts(oversharing, { tenantId: TENANT, text: "", count: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.hasMore).toBe(true);
  });
});

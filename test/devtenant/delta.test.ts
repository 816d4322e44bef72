// /users/delta through the Graph JS client: full rounds, deltaLinks that return only what changed (latest state,
// once per user, @removed, manager@delta), replays, $deltatoken=latest, minimal replies and 7-day expiry (410).
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevDirectoryMutable, type DevTenant } from "../../src/devtenant/index.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp } from "./sdk-clients.js";

const USERS = 450;
let dev: DevTenant;
let agent: Agent;
let client: Client;
let directory: DevDirectoryMutable;

beforeAll(async () => {
  dev = await startDevTenant({ seed: 9, users: USERS, extraTenants: [] });
  agent = devTenantAgent(dev);
  const tid = dev.tenants[0]!.tenantId;
  client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent)));
  directory = dev.directory(tid);
});
afterAll(async () => {
  await agent?.close();
  await dev?.stop();
});

type Item = Record<string, unknown> & { id: string };
interface DeltaPage {
  "@odata.context": string;
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
  value: Item[];
}

/** Follows nextLinks to the end of a round; returns every page. */
async function round(firstUrl: string, prefer?: string): Promise<DeltaPage[]> {
  const get = (url: string): Promise<DeltaPage> => (prefer ? client.api(url).header("Prefer", prefer) : client.api(url)).get();
  const pages = [await get(firstUrl)];
  while (pages.at(-1)?.["@odata.nextLink"]) pages.push(await get(pages.at(-1)?.["@odata.nextLink"] as string));
  return pages;
}

const items = (pages: DeltaPage[]): Item[] => pages.flatMap((p) => p.value);
const deltaLinkOf = (pages: DeltaPage[]): string => {
  const link = pages.at(-1)?.["@odata.deltaLink"];
  if (!link) throw new Error("round ended without a deltaLink");
  return link;
};

const pick = (predicate: (p: DevPerson) => boolean, skip: ReadonlySet<string> = new Set()): DevPerson => {
  const found = directory.people().find((p) => predicate(p) && !skip.has(p.id));
  if (!found) throw new Error("no such person");
  return found;
};

describe("initial round", () => {
  it("returns every user once in pages of 200, the last page with a deltaLink, and manager@delta when selected", async () => {
    const pages = await round("/users/delta?$select=displayName,jobTitle,manager");
    expect(pages.map((p) => p.value.length)).toEqual([200, 200, 50]);
    expect(pages[0]?.["@odata.context"]).toBe(`${dev.graphBaseUrl}/$metadata#users(displayName,jobTitle,manager)`);
    expect(pages[1]?.["@odata.context"]).toBe(`${dev.graphBaseUrl}/$metadata#users`);
    expect(pages.slice(0, -1).every((p) => p["@odata.nextLink"]?.startsWith(`${dev.graphBaseUrl}/users/delta?$skiptoken=`) && !p["@odata.deltaLink"])).toBe(true);
    expect(deltaLinkOf(pages)).toMatch(new RegExp(`^${dev.graphBaseUrl.replace(/\./g, "\\.")}/users/delta\\?\\$deltatoken=`));
    const all = items(pages);
    expect(new Set(all.map((u) => u.id))).toEqual(new Set(directory.people().map((p) => p.id)));
    for (const user of all) {
      const p = directory.findPerson(user.id) as DevPerson;
      if (p.managerId) expect(user["manager@delta"]).toEqual([{ "@odata.type": "#microsoft.graph.user", id: p.managerId }]);
      else expect(user["manager@delta"]).toBeUndefined();
      expect(Object.keys(user).every((k) => ["id", "displayName", "jobTitle", "manager@delta"].includes(k))).toBe(true);
    }
  });

  it("rejects options users/delta does not support", async () => {
    for (const url of ["/users/delta?$top=5", "/users/delta?$orderby=displayName", "/users/delta?$expand=manager", "/users/delta?$filter=displayName eq 'x'"]) {
      await expect(client.api(url).get()).rejects.toMatchObject({ statusCode: 400 });
    }
    const ids = directory.people().slice(0, 51).map((p) => `id eq '${p.id}'`);
    await expect(client.api(`/users/delta?$filter=${ids.join(" or ")}`).get()).rejects.toMatchObject({ statusCode: 400 });
    const filtered = items(await round(`/users/delta?$filter=${ids.slice(0, 3).join(" or ")}`));
    expect(filtered.map((u) => u.id).sort()).toEqual(directory.people().slice(0, 3).map((p) => p.id).sort());
  });
});

describe("deltaLink rounds", () => {
  it("returns nothing when nothing changed, with a fresh deltaLink", async () => {
    const link = deltaLinkOf(await round("/users/delta?$select=displayName"));
    const again = await round(link);
    expect(again).toHaveLength(1);
    expect(again[0]?.value).toEqual([]);
    expect(deltaLinkOf(again)).toMatch(/\$deltatoken=/);
  });

  it("returns exactly the changed users in their latest state, removals as @removed, and allows replays", async () => {
    const link = deltaLinkOf(await round("/users/delta?$select=displayName,jobTitle,department,manager"));
    const used = new Set<string>();
    const retitled = pick((p) => p.managerId !== null && p.jobTitle !== null, used);
    used.add(retitled.id);
    directory.update(retitled.id, { jobTitle: "Head of Experiments" });
    directory.update(retitled.id, { jobTitle: "Chief Experimenter", department: "Labs" });
    const mover = pick((p) => p.managerId !== null && !directory.directReports(p.id).length, used);
    used.add(mover.id);
    const newManager = pick((p) => p.id !== mover.managerId && p.id !== mover.id && directory.directReports(p.id).length > 0 && p.generatedLevel <= 2, used);
    directory.update(mover.id, { managerId: newManager.id });
    const orphan = pick((p) => p.managerId !== null && !directory.directReports(p.id).length, used);
    used.add(orphan.id);
    const oldManagerOfOrphan = orphan.managerId;
    directory.update(orphan.id, { managerId: null });
    const deleted = pick((p) => !directory.directReports(p.id).length, used);
    used.add(deleted.id);
    directory.remove(deleted.id, "deleted");
    const softDeleted = pick((p) => !directory.directReports(p.id).length, used);
    used.add(softDeleted.id);
    directory.remove(softDeleted.id, "changed");
    const hire: DevPerson = { ...retitled, id: "0d0d0d0d-1111-4222-8333-444444444444", userPrincipalName: "new.hire@contoso.example", mail: "new.hire@contoso.example", displayName: "New Hire", managerId: newManager.id, isProgramAdmin: false };
    directory.add(hire);

    const changes = items(await round(link));
    const byId = new Map(changes.map((c) => [c.id, c]));
    expect(changes).toHaveLength(byId.size);
    expect(new Set(byId.keys())).toEqual(new Set([retitled.id, mover.id, orphan.id, deleted.id, softDeleted.id, hire.id]));
    expect(byId.get(retitled.id)).toMatchObject({ jobTitle: "Chief Experimenter", department: "Labs" });
    expect(byId.get(mover.id)?.["manager@delta"]).toEqual([{ "@odata.type": "#microsoft.graph.user", id: newManager.id }]);
    expect(byId.get(orphan.id)?.["manager@delta"]).toEqual([{ "@odata.type": "#microsoft.graph.user", id: oldManagerOfOrphan, "@removed": { reason: "deleted" } }]);
    expect(byId.get(deleted.id)).toEqual({ id: deleted.id, "@removed": { reason: "deleted" } });
    expect(byId.get(softDeleted.id)).toEqual({ id: softDeleted.id, "@removed": { reason: "changed" } });
    expect(byId.get(hire.id)).toMatchObject({ displayName: "New Hire" });

    // Replaying the same deltaLink gives the same changes again (clients must process idempotently).
    const replay = items(await round(link));
    expect(new Set(replay.map((c) => c.id))).toEqual(new Set(byId.keys()));
  });

  it("shows every user touched by mutateRandom in the next round", async () => {
    const link = deltaLinkOf(await round("/users/delta?$select=displayName,jobTitle,department,manager"));
    const changed = directory.mutateRandom(0.1, 1234);
    expect(changed.length).toBe(Math.round(0.1 * directory.people().length));
    const next = items(await round(link));
    expect(new Set(next.map((c) => c.id))).toEqual(new Set(changed));
  });

  it("starts from now with $deltatoken=latest", async () => {
    const latest = await round("/users/delta?$deltatoken=latest&$select=displayName");
    expect(latest).toHaveLength(1);
    expect(latest[0]?.value).toEqual([]);
    const someone = pick((p) => p.accountEnabled);
    directory.update(someone.id, { displayName: "Renamed Person" });
    const next = items(await round(deltaLinkOf(latest)));
    expect(next).toEqual([{ id: someone.id, displayName: "Renamed Person" }]);
  });

  it("returns only changed properties with Prefer: return=minimal", async () => {
    const link = deltaLinkOf(await round("/users/delta?$select=displayName,jobTitle,department"));
    const someone = pick((p) => p.jobTitle !== null && p.department !== null);
    directory.update(someone.id, { jobTitle: "Minimal Title" });
    const next = items(await round(link, "return=minimal"));
    expect(next).toEqual([{ id: someone.id, jobTitle: "Minimal Title" }]);
  });
});

describe("token lifetime", () => {
  it("answers 410 Gone with a Location for a full resync once a token is older than 7 days of dev-clock time", async () => {
    const link = deltaLinkOf(await round("/users/delta?$select=displayName,manager"));
    dev.clock.advance(7 * 24 * 60 * 60 * 1000 - 60_000);
    await expect(client.api(link).get()).resolves.toMatchObject({ value: expect.any(Array) });
    dev.clock.advance(2 * 60_000);
    let error: GraphError | undefined;
    try {
      await client.api(link).get();
    } catch (e) {
      error = e as GraphError;
    }
    expect(error).toBeInstanceOf(GraphError);
    expect(error?.statusCode).toBe(410);
    expect(error?.code).toBe("syncStateNotFound");
    const location = error?.headers?.get("location");
    expect(location).toBe(`${dev.graphBaseUrl}/users/delta?$select=displayName%2Cmanager`);
    const fresh = await round(location as string);
    expect(items(fresh)).toHaveLength(directory.people().length);
  });

  it("treats tokens it did not issue as expired sync state", async () => {
    await expect(client.api("/users/delta?$deltatoken=bm90LWEtdG9rZW4.AAAA").get()).rejects.toMatchObject({ statusCode: 410 });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildHierarchy, type DirectoryEntry } from "../../../src/domain/hierarchy/index.js";

const person = (id: string, managerId: string | null, over: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  id,
  managerId,
  accountEnabled: true,
  userType: "Member",
  hasMailbox: true,
  ...over,
});

// ceo ─ vpA ─ dirA ─ devA1, devA2
//     └ vpB ─ dirB ─ devB1
const org = [
  person("ceo", null),
  person("vpA", "ceo"),
  person("dirA", "vpA"),
  person("devA1", "dirA"),
  person("devA2", "dirA"),
  person("vpB", "ceo"),
  person("dirB", "vpB"),
  person("devB1", "dirB"),
];

describe("hierarchy from manager relations", () => {
  it("gives every person a chain (nearest manager first), a level and a division", () => {
    const h = buildHierarchy(org);
    expect(h.root).toBe("ceo");
    expect(h.position("devA1")).toEqual({ id: "devA1", managerId: "dirA", chain: ["dirA", "vpA", "ceo"], level: 3, division: "vpA", placement: "rooted" });
    expect(h.position("vpB")).toMatchObject({ chain: ["ceo"], level: 1, division: "vpB" });
    expect(h.position("ceo")).toMatchObject({ chain: [], level: 0, division: null });
    expect(h.report).toMatchObject({ people: 8, roots: [{ id: "ceo", people: 8 }], missingManagers: [], cycles: [], detached: 0 });
  });

  it("answers reporting-line questions in both directions", () => {
    const h = buildHierarchy(org);
    expect(h.inSameChain("devA1", "vpA")).toBe(true);
    expect(h.inSameChain("vpA", "devA1")).toBe(true);
    expect(h.inSameChain("devA1", "devA2")).toBe(false);
    expect(h.inSameChain("devA1", "vpB")).toBe(false);
    expect(h.inSameChain("devA1", "nobody")).toBe(false);
    expect(h.lowestCommonManager("devA1", "devA2")).toBe("dirA");
    expect(h.lowestCommonManager("devA1", "devB1")).toBe("ceo");
    expect(h.lowestCommonManager("dirA", "devA1")).toBe("vpA"); // a common manager is strictly above both
    expect(h.lowestCommonManager("ceo", "devB1")).toBeNull();
  });

  it("reports a manager cycle once, in manager order, and truncates chains at it", () => {
    // x → y → z → x, and w reports to x; none of them reaches the CEO.
    const h = buildHierarchy([...org, person("y", "z"), person("x", "y"), person("z", "x"), person("w", "x")]);
    expect(h.report.cycles).toEqual([{ members: ["x", "y", "z"] }]);
    expect(h.report.underCycle).toEqual(["w"]);
    expect(h.position("x")).toMatchObject({ chain: ["y", "z"], level: null, division: null, placement: "cycle" });
    expect(h.position("w")).toMatchObject({ chain: ["x", "y", "z"], level: null, placement: "underCycle" });
    expect(h.inSameChain("w", "z")).toBe(true);
    expect(h.inSameChain("w", "devA1")).toBe(false);
    expect(h.lowestCommonManager("w", "y")).toBe("z");
  });

  it("treats someone who manages themselves as a cycle of one", () => {
    const h = buildHierarchy([...org, person("selfie", "selfie")]);
    expect(h.report.cycles).toEqual([{ members: ["selfie"] }]);
    expect(h.position("selfie")).toMatchObject({ chain: [], level: null, placement: "cycle" });
  });

  it("reports missing managers and multiple roots, keeping the biggest tree as the organisation", () => {
    const h = buildHierarchy([...org, person("lost", "ghost-id"), person("lostReport", "lost"), person("loner", null)]);
    expect(h.root).toBe("ceo");
    expect(h.report.roots).toEqual([
      { id: "ceo", people: 8 },
      { id: "loner", people: 1 },
    ]);
    expect(h.report.missingManagers).toEqual([
      { id: "loner", managerId: null, kind: "noManager", affected: 1 },
      { id: "lost", managerId: "ghost-id", kind: "unknownManager", affected: 2 },
    ]);
    expect(h.report.detached).toBe(3);
    expect(h.position("lostReport")).toMatchObject({ chain: ["lost"], level: null, placement: "detached" });
    expect(h.lowestCommonManager("lostReport", "devA1")).toBeNull();
  });

  it("lets the caller declare the root", () => {
    const h = buildHierarchy([person("a", null), person("b", null), person("b1", "b"), person("b2", "b")], { rootId: "a" });
    expect(h.root).toBe("a");
    expect(h.levelOf("b1")).toBeNull();
    expect(h.report.missingManagers.map((m) => m.id)).toEqual(["b"]);
  });

  it("lists disabled accounts, guests, people without a mailbox and duplicate ids", () => {
    const h = buildHierarchy([
      ...org,
      person("gone", "dirA", { accountEnabled: false }),
      person("guest", "dirB", { userType: "Guest" }),
      person("nomail", "dirB", { hasMailbox: false }),
      person("devA1", "vpB"),
    ]);
    expect(h.report).toMatchObject({ disabled: ["gone"], guests: ["guest"], noMailbox: ["nomail"], duplicateIds: ["devA1"] });
    expect(h.position("devA1")!.chain).toEqual(["dirA", "vpA", "ceo"]); // the first occurrence wins
  });

  it("handles 100,000 people and a 100,000-deep management line without recursion", () => {
    const n = 100_000;
    const line = Array.from({ length: n }, (_, i) => person(`p${i}`, i === 0 ? null : `p${i - 1}`));
    const h = buildHierarchy(line);
    expect(h.levelOf(`p${n - 1}`)).toBe(n - 1);
    expect(h.divisionOf(`p${n - 1}`)).toBe("p1");
    expect(h.inSameChain("p0", `p${n - 1}`)).toBe(true);
    expect(h.lowestCommonManager(`p${n - 1}`, `p${n - 2}`)).toBe(`p${n - 3}`);

    // A wide org: every person's manager is an earlier person (random but seeded), plus bad data.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647);
    const wide = Array.from({ length: n }, (_, i) => person(`u${i}`, i === 0 ? null : `u${next() % i}`));
    wide.push(person("c1", "c2"), person("c2", "c1"));
    const w = buildHierarchy(wide);
    expect(w.report.people).toBe(n + 2);
    expect(w.report.cycles).toEqual([{ members: ["c1", "c2"] }]);
    let rooted = 0;
    for (const p of w.positions()) if (p.placement === "rooted") rooted++;
    expect(rooted).toBe(n);
  });
});

/** Reference semantics by brute force: walk each chain with a visited set. */
function naive(people: DirectoryEntry[]) {
  const manager = new Map(people.map((p) => [p.id, p.managerId]));
  const chain = (id: string) => {
    const out: string[] = [];
    const seen = new Set([id]);
    for (let m = manager.get(id); m != null && manager.has(m) && !seen.has(m); m = manager.get(m)) {
      out.push(m);
      seen.add(m);
    }
    return out;
  };
  const top = (id: string) => {
    const c = chain(id);
    const last = c.length > 0 ? c[c.length - 1]! : id;
    const m = manager.get(last);
    return m === null ? last : null; // only people whose line ends at someone with no manager are in a tree rooted at null
  };
  const sizes = new Map<string, number>();
  for (const p of people) {
    const t = top(p.id);
    if (t !== null) sizes.set(t, (sizes.get(t) ?? 0) + 1);
  }
  const root = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  return { chain, level: (id: string) => (root !== null && top(id) === root ? chain(id).length : null) };
}

describe("hierarchy agrees with a brute-force reading on random directories with bad data", () => {
  it("same chains, levels and reporting-line answers", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(-1), fc.constant(-2), fc.nat({ max: 30 })), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat({ max: 29 }), fc.nat({ max: 29 })), { maxLength: 20 }),
        (managers, queries) => {
          const people = managers.map((m, i) => person(`id${i}`, m === -1 ? null : m === -2 ? "ghost" : `id${m % managers.length}`));
          const h = buildHierarchy(people);
          const ref = naive(people);
          for (const p of people) {
            expect(h.chainOf(p.id)).toEqual(ref.chain(p.id));
            expect(h.levelOf(p.id)).toEqual(ref.level(p.id));
          }
          for (const [a, b] of queries) {
            const x = `id${a % people.length}`;
            const y = `id${b % people.length}`;
            const cx = ref.chain(x);
            const cy = ref.chain(y);
            expect(h.inSameChain(x, y)).toBe(x === y || cx.includes(y) || cy.includes(x));
            const common = cx.find((c) => cy.includes(c)) ?? null;
            expect(h.lowestCommonManager(x, y)).toBe(common);
          }
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});

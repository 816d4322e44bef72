/**
 * The reference optimum for the matching benchmark: the LP relaxation of the same assignment problem,
 * written in CPLEX LP format and solved by HiGHS (WebAssembly build from npm `highs`). Bipartite
 * b-matching constraints are totally unimodular, so the LP optimum equals the integer optimum.
 */
import { createRequire } from "node:module";
import type { PreparedMatching } from "../../src/domain/matching/index.js";

export interface LpModel {
  text: string;
  variables: number;
}

/** Every pair passing the hard rules becomes a variable x_k ∈ [0, ∞) with its score in units. */
export function assignmentLp(prepared: PreparedMatching): LpModel {
  const nJ = prepared.mentors.length;
  const nE = prepared.mentees.length;
  const objective: string[] = [];
  const menteeRows: string[] = [];
  const mentorTerms: string[][] = Array.from({ length: nJ }, () => []);
  const scores = new Int32Array(nJ);
  let k = 0;
  for (let e = 0; e < nE; e++) {
    prepared.scoreRow(e, scores);
    const terms: string[] = [];
    for (let j = 0; j < nJ; j++) {
      const s = scores[j]!;
      if (s <= 0) continue;
      const x = `x${k++}`;
      objective.push(`${s} ${x}`);
      terms.push(x);
      mentorTerms[j]!.push(x);
    }
    if (terms.length > 0) menteeRows.push(`e${e}: ${wrap(terms, " + ")} <= ${prepared.capacityOf(e)}`);
  }
  const mentorRows = mentorTerms.flatMap((terms, j) => (terms.length > 0 ? [`j${j}: ${wrap(terms, " + ")} <= 1`] : []));
  const text = ["Maximize", ` obj: ${wrap(objective, " + ")}`, "Subject To", ...menteeRows.map((r) => ` ${r}`), ...mentorRows.map((r) => ` ${r}`), "End", ""].join("\n");
  return { text, variables: k };
}

/** Keeps LP lines short: the format allows an expression to continue on the next line. */
function wrap(terms: string[], sep: string): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 40) lines.push(terms.slice(i, i + 40).join(sep));
  return lines.join(`${sep}\n  `);
}

interface HighsSolution {
  Status: string;
  ObjectiveValue: number;
}
interface Highs {
  solve(problem: string, options?: Record<string, unknown>): HighsSolution;
}

export async function loadHighs(): Promise<Highs> {
  const require = createRequire(import.meta.url);
  const load = require("highs") as () => Promise<Highs>;
  return load();
}

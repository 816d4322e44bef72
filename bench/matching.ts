/**
 * Matching benchmark: `npm run bench -- matching --json FILE`.
 *
 * - Reference instance: 500 executives × 2,500 mentors generated with reporting-line exclusions. Our exact
 *   matcher (end to end: features, scoring every pair, pruning, optimisation, reasons) against HiGHS
 *   solving the LP relaxation of the same assignment problem (every feasible pair a column). Targets:
 *   optimality gap ≤ 1e-9 and ≥ 10× faster than HiGHS.
 * - Scale instance: 2,000 executives × 10,000 mentors, end to end. Target ≤ 10 s.
 * The scale instance runs first so that peakMB (the process's peak RSS) describes it.
 */
import { writeFile } from "node:fs/promises";
import { matchCohort, prepareMatching } from "../src/domain/matching/index.js";
import { generateCohort } from "./lib/matching-generate.js";
import { assignmentLp, loadHighs } from "./lib/matching-highs.js";

export interface MatchingBenchResult {
  execs: number;
  juniors: number;
  edges: number;
  seconds: number;
  score: number;
  highsScore: number;
  highsSeconds: number;
  optimalityGap: number;
  speedupVsHighs: number;
  scale: { execs: number; juniors: number; edges: number; seconds: number; peakMB: number };
}

const TARGETS = { optimalityGap: 1e-9, speedupVsHighs: 10, scaleSeconds: 10 };

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function runMatchingBench(opts: { json?: string } = {}): Promise<MatchingBenchResult> {
  // Scale instance.
  const scaleInput = generateCohort({ executives: 2000, mentors: 10_000, seed: 11 });
  let t = performance.now();
  const scaleResult = matchCohort(scaleInput);
  const scaleSeconds = seconds(t);
  const peakMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`scale: ${scaleInput.mentees.length} × ${scaleInput.mentors.length}, ${scaleResult.stats.feasibleEdges} feasible pairs, ${scaleResult.stats.candidateEdges} kept, ${scaleResult.stats.pairs} pairs in ${scaleSeconds.toFixed(2)} s, peak ${peakMB} MB`);

  // Reference instance: ours (median of 3 end-to-end runs) …
  const input = generateCohort({ executives: 500, mentors: 2500, seed: 7 });
  const runs: number[] = [];
  let result = matchCohort(input);
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    result = matchCohort(input);
    runs.push(seconds(t));
  }
  const ours = median(runs);
  const score = result.stats.totalScore;
  console.log(`reference: ${result.stats.feasibleEdges} feasible pairs, ${result.stats.pairs} pairs, score ${score} in ${ours.toFixed(3)} s (runs ${runs.map((r) => r.toFixed(3)).join(", ")})`);

  // … against HiGHS on the LP relaxation of the very same pairs and scores.
  t = performance.now();
  const lp = assignmentLp(prepareMatching(input));
  console.log(`HiGHS model: ${lp.variables} columns, ${(lp.text.length / 1e6).toFixed(1)} MB of LP text, built in ${seconds(t).toFixed(2)} s`);
  const highs = await loadHighs();
  t = performance.now();
  const solution = highs.solve(lp.text, { output_flag: false });
  const highsSeconds = seconds(t);
  if (solution.Status !== "Optimal") throw new Error(`HiGHS ended with status ${solution.Status}`);
  const highsScore = solution.ObjectiveValue / 1000;
  const optimalityGap = Math.abs(highsScore - score) / Math.max(1, Math.abs(highsScore));
  const out: MatchingBenchResult = {
    execs: input.mentees.length,
    juniors: input.mentors.length,
    edges: result.stats.feasibleEdges,
    seconds: round(ours),
    score,
    highsScore,
    highsSeconds: round(highsSeconds),
    optimalityGap,
    speedupVsHighs: round(highsSeconds / ours, 1),
    scale: {
      execs: scaleInput.mentees.length,
      juniors: scaleInput.mentors.length,
      edges: scaleResult.stats.feasibleEdges,
      seconds: round(scaleSeconds),
      peakMB,
    },
  };
  console.log(`HiGHS: score ${highsScore} in ${highsSeconds.toFixed(2)} s → gap ${optimalityGap}, speed-up ${out.speedupVsHighs}×`);
  const verdicts = [
    [`gap ≤ ${TARGETS.optimalityGap}`, optimalityGap <= TARGETS.optimalityGap],
    [`≥ ${TARGETS.speedupVsHighs}× faster than HiGHS`, out.speedupVsHighs >= TARGETS.speedupVsHighs],
    [`scale ≤ ${TARGETS.scaleSeconds} s`, scaleSeconds <= TARGETS.scaleSeconds],
  ] as const;
  for (const [name, ok] of verdicts) console.log(`${ok ? "PASS" : "MISS"} ${name}`);
  if (opts.json) await writeFile(opts.json, `${JSON.stringify(out, null, 2)}\n`);
  return out;
}

function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

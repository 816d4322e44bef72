// axe-core, injected into the page under test. Injected through the DevTools protocol (page.evaluate),
// not a <script> tag, so the app's Content-Security-Policy stays in force while we check it.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

let axeSource: string | undefined;

async function source(): Promise<string> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

export async function runAxe(page: Page | Frame): Promise<AxeViolation[]> {
  // Page-side code is typed without the DOM lib (the repo's tsconfig is for Node): globalThis casts.
  const hasAxe = await page.evaluate(() => "axe" in globalThis);
  if (!hasAxe) await page.evaluate(await source());
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Tabster (Fluent's focus manager) puts invisible aria-hidden <i tabindex=0 data-tabster-dummy> guards
    // around arrow-key groups such as TabList; focusing one moves focus on at once, so nobody can land on
    // it. Fluent's own accessibility tests exclude them the same way.
    const result = await axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** The bar: no serious or critical violations. The rest is returned so tests can print it. */
export function seriousViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`).join("\n");
}

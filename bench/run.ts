/**
 * Benchmark dispatcher: `npm run bench -- <case> [--json FILE]`.
 * Each case is a module exporting `run…Bench(opts: { json?: string })`; add new cases to CASES.
 */
type BenchRunner = (opts: { json?: string }) => Promise<unknown>;

const CASES: Record<string, () => Promise<BenchRunner>> = {
  matching: async () => (await import("./matching.js")).runMatchingBench,
  sync: async () => (await import("./sync.js")).runSyncBench,
  tab: async () => (await import("./tab.js")).runTabBench,
  devtenant: async () => (await import("./devtenant-generate.js")).runDevtenantBench,
  scheduling: async () => (await import("./scheduling.js")).runSchedulingBench,
  outcomes: async () => (await import("./outcomes.js")).runOutcomesBench,
};

function usage(): string {
  return `usage: npm run bench -- <${Object.keys(CASES).join("|")}> [--json FILE]`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || !(name in CASES)) {
    console.error(name ? `unknown benchmark "${name}"\n${usage()}` : usage());
    return 2;
  }
  let json: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--json" && rest[i + 1]) json = rest[++i];
    else {
      console.error(`unknown option "${rest[i]}"\n${usage()}`);
      return 2;
    }
  }
  const run = await CASES[name]!();
  await run(json === undefined ? {} : { json });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

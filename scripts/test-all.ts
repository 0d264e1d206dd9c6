// `npm test`: every check the project has, in order, stopping at the first that fails.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

// Machine-readable results of the test runs, summed into the closing line.
const reports = {
  vitest: ".test-reports/vitest.json",
  vitestExternal: ".test-reports/vitest-external.json",
  vitestNode24: ".test-reports/vitest-node24.json",
  playwright: ".test-reports/e2e.json",
};
rmSync(".test-reports", { recursive: true, force: true });

const vitestRun = (report: string) => [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
];

/** EXTERNAL_TEST_DATABASE_URL (CI sets it): the unit and integration tests run once more on that PostgreSQL server. */
const external = process.env.EXTERNAL_TEST_DATABASE_URL;

/**
 * NODE24_PATH (CI sets it): a Node 24 binary; the unit and integration tests run again on it (embedded PostgreSQL),
 * and `npm start` must start and stop cleanly on it.
 */
const node24 = process.env.NODE24_PATH;

type Step = { name: string; args: string[]; env?: Record<string, string | undefined>; node?: string };

const node24Steps: Step[] = node24
  ? [
      {
        name: "Unit and integration tests on Node 24",
        args: vitestRun(reports.vitestNode24),
        env: { TEST_DATABASE_URL: undefined },
        node: node24,
      },
      { name: "Start on Node 24", args: ["--import", "tsx", "scripts/start-check.ts"], node: node24 },
    ]
  : [];

const steps: Step[] = [
  { name: "Prisma client", args: ["scripts/prisma-generate.mjs"] },
  { name: "Lint", args: ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."] },
  { name: "Format", args: ["node_modules/prettier/bin/prettier.cjs", "--check", "."] },
  { name: "Type-check", args: ["node_modules/typescript/bin/tsc", "--noEmit"] },
  { name: "Unit and integration tests", args: vitestRun(reports.vitest) },
  ...(external
    ? [
        {
          name: "Unit and integration tests on the external PostgreSQL",
          args: vitestRun(reports.vitestExternal),
          env: { TEST_DATABASE_URL: external },
        },
      ]
    : []),
  { name: "End-to-end tests", args: ["--import", "tsx", "scripts/e2e.ts"] },
  ...node24Steps,
];

function counts(): { passed: number; failed: number } {
  const read = (path: string) => (existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined);
  type VitestReport = { numPassedTests: number; numFailedTests: number } | undefined;
  const vitest = [reports.vitest, reports.vitestExternal, reports.vitestNode24].map(
    (path) => read(path) as VitestReport,
  );
  const e2e = read(reports.playwright) as
    { stats: { expected: number; unexpected: number; flaky: number } } | undefined;
  const sum = (pick: (report: NonNullable<VitestReport>) => number) =>
    vitest.reduce((total, report) => total + (report ? pick(report) : 0), 0);
  return {
    passed: sum((report) => report.numPassedTests) + (e2e ? e2e.stats.expected + e2e.stats.flaky : 0),
    failed: sum((report) => report.numFailedTests) + (e2e?.stats.unexpected ?? 0),
  };
}

for (const step of steps) {
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  const result = spawnSync(step.node ?? process.execPath, step.args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", E2E_JSON_REPORT: reports.playwright, ...step.env },
  });
  // A report that counts failures fails the step even if the process exited with 0 (an exit hook in a dependency
  // once turned vitest's failures into success).
  const { passed, failed } = counts();
  if (result.status !== 0 || failed > 0) {
    console.error(`\n${step.name} failed (exit ${result.status ?? result.signal}, ${failed} failed).`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(result.status || 1);
  }
  console.log(`=== ${step.name} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
if (!node24)
  console.log(
    "\n=== Unit and integration tests on Node 24, Start on Node 24: skipped (NODE24_PATH is not set; .ci/run sets it)",
  );
const { passed, failed } = counts();
console.log("\nAll checks passed.");
console.log(`${passed} passed, ${failed} failed`);

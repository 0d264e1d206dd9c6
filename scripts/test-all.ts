// `npm test`: every check the project has, in order, stopping at the first that fails.
import { spawnSync } from "node:child_process";

const steps: { name: string; args: string[] }[] = [
  { name: "Prisma client", args: ["scripts/prisma-generate.mjs"] },
  { name: "Lint", args: ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."] },
  { name: "Type-check", args: ["node_modules/typescript/bin/tsc", "--noEmit"] },
  { name: "Unit and integration tests", args: ["node_modules/vitest/vitest.mjs", "run"] },
  { name: "End-to-end tests", args: ["--import", "tsx", "scripts/e2e.ts"] },
];

for (const step of steps) {
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, step.args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    console.error(`\n${step.name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
  console.log(`=== ${step.name} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log("\nAll checks passed.");

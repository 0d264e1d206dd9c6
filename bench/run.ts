// Runs every benchmark (bench/<name>/main.ts), or only those named on the command line.
// Each benchmark prints its own ratio against its stated bound and exits non-zero when it misses it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const benchDir = new URL(".", import.meta.url).pathname;
const wanted = process.argv.slice(2);
const names = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, "main.ts")))
  .map((entry) => entry.name)
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

if (names.length === 0) {
  console.error(wanted.length ? `No benchmark named ${wanted.join(", ")}.` : "No benchmarks found.");
  process.exit(2);
}

let failed = 0;
for (const name of names) {
  console.log(`\n== bench/${name}`);
  const result = spawnSync(process.execPath, ["--import", "tsx", join(benchDir, name, "main.ts")], { stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
console.log(`\n${names.length - failed} benchmarks within bound, ${failed} outside.`);
process.exit(failed ? 1 : 0);

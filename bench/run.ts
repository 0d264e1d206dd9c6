// Runs every benchmark (bench/<name>/main.ts), or only those named on the command line. Words after a benchmark's
// name that name no benchmark are passed to it: `npm run bench pages tenants` runs only the pages' tenants part.
// Each benchmark prints its own ratio against its stated bound and exits non-zero when it misses it.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const benchDir = new URL(".", import.meta.url).pathname;
const available = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, "main.ts")))
  .map((entry) => entry.name)
  .sort();

const requested = new Map<string, string[]>();
let current: string[] | undefined;
for (const word of process.argv.slice(2)) {
  if (available.includes(word)) requested.set(word, (current = []));
  else if (current) current.push(word);
  else {
    console.error(`No benchmark named ${word}. Benchmarks: ${available.join(", ")}.`);
    process.exit(2);
  }
}
const names = requested.size > 0 ? [...requested.keys()] : available;

if (names.length === 0) {
  console.error("No benchmarks found.");
  process.exit(2);
}

let failed = 0;
for (const name of names) {
  console.log(`\n== bench/${name}`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(benchDir, name, "main.ts"), ...(requested.get(name) ?? [])],
    { stdio: "inherit" },
  );
  if (result.status !== 0) failed += 1;
}
console.log(`\n${names.length - failed} benchmarks within bound, ${failed} outside.`);
process.exit(failed ? 1 : 0);

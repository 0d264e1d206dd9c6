// Seeds a fresh embedded PostgreSQL with page-sized data, then times each page's first-page queries as the pages
// run them (through the app's Prisma client) and prints the median of each against the bound of 300 ms of server
// time as a ratio; exits non-zero when any is above. Parts are chosen by key on the command line or in
// PAGES_BENCH_PARTS (comma-separated), e.g. `npx tsx bench/pages/main.ts tenants`; all of them when neither is given.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import { ensureDataDirectory } from "@/lib/runtime/data-files";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { freePort } from "@/test/support/free-port";
import { auditPart } from "./audit";
import type { PagePart } from "./part";
import { tenantsPart } from "./tenants";

const BOUND_MS = 300;
const RUNS = Number(process.env.PAGES_BENCH_RUNS ?? 15);

// Each page adds its part here.
const allParts: PagePart[] = [auditPart, tenantsPart];
const wanted = [...process.argv.slice(2), ...(process.env.PAGES_BENCH_PARTS ?? "").split(",")]
  .map((key) => key.trim())
  .filter(Boolean);
const parts = wanted.length ? allParts.filter((part) => wanted.includes(part.key)) : allParts;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const directory = join(tmpdir(), `hp-bench-pages-${process.pid}`);
let stop: (() => Promise<void>) | undefined;
try {
  if (!Number.isInteger(RUNS) || RUNS < 3) throw new Error("PAGES_BENCH_RUNS must be a whole number of at least 3");
  const unknown = wanted.filter((key) => !allParts.some((part) => part.key === key));
  if (unknown.length)
    throw new Error(
      `no part named ${unknown.join(", ")}; the parts are ${allParts.map((part) => part.key).join(", ")}`,
    );
  ensureDataDirectory(directory);
  const database = await startEmbeddedPostgres({
    directory: join(directory, "postgres"),
    port: await freePort(),
    password: "bench",
    quiet: true,
  });
  stop = database.stop;
  await migrate(database.url, "prisma/migrations");
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const db = createPrismaClient(database.url);

  for (const part of parts) {
    const seeding = performance.now();
    await part.seed(client);
    // What autovacuum does on a live system: statistics for the planner and a visibility map for index-only scans.
    await client.query("VACUUM ANALYZE");
    console.log(`${part.name}: seeded ${part.describe} in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  }

  let worst = 0;
  for (const part of parts) {
    for (const { label, run } of await part.measurements(client, db)) {
      await run(); // warm-up, not counted: connection set-up and the first plan
      const times: number[] = [];
      for (let index = 0; index < RUNS; index += 1) times.push(await time(run));
      const ratio = median(times) / BOUND_MS;
      worst = Math.max(worst, ratio);
      console.log(
        `  ${part.name} / ${label}: median ${median(times).toFixed(1)} ms (max ${Math.max(...times).toFixed(1)}), ratio ${ratio.toFixed(3)} of ${BOUND_MS} ms: ${ratio <= 1 ? "within bound" : "ABOVE BOUND"}`,
      );
    }
  }
  console.log(`worst ratio ${worst.toFixed(3)} (bound 1.000): ${worst <= 1 ? "within bound" : "ABOVE BOUND"}`);
  process.exitCode = worst <= 1 ? 0 : 1;
  await db.$disconnect();
  await client.end();
} catch (error) {
  console.error(`bench/pages: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stop?.();
  rmSync(directory, { recursive: true, force: true });
}

// Benchmark: register 1,000 tenants (10 multi-tenant deployments of 100) by importing one fleet file, as
// `npm run cli -- import` does: validation, plan, one transaction, and the key preparation jobs queued with it.
// Bound (docs/fleet.md): 1,000 tenants under 30 s. Prints the time per tenant and wall / 30 s; exits 1 above 1.
// Also printed, not bounded: importing the same file again (nothing to change: every secret compared).
import { randomBytes } from "node:crypto";
import { stringify } from "yaml";
import type { AuditContext } from "@/lib/audit/record";
import { importFleet } from "@/lib/fleet/import-fleet";
import { createBoss, ensureQueues } from "@/lib/jobs/queues";
import { startBenchDatabase } from "../provision/database";

const TENANTS = Number(process.env.IMPORT_BENCH_TENANTS ?? 1000);
const PER_DEPLOYMENT = 100;
const BOUND_SECONDS = (30 * TENANTS) / 1000;
const REGIONS = ["eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"];

const audit: AuditContext = {
  actor: { id: "bench", email: "bench@example.test", role: "admin" },
  clientAddress: "127.0.0.1",
  userAgent: "bench/import",
};

function fleetText(): string {
  const deployments = Array.from({ length: Math.ceil(TENANTS / PER_DEPLOYMENT) }, (_, d) => ({
    name: `Bench ${d + 1}`,
    layout: "multi-tenant",
    gaxBaseUrl: `http://gax-${d + 1}.example:8080`,
    gaxUsername: "provisioner",
    gaxPassword: randomBytes(12).toString("hex"),
    tenants: Array.from({ length: Math.min(PER_DEPLOYMENT, TENANTS - d * PER_DEPLOYMENT) }, (_, t) => ({
      cfgTenantName: `Tenant${String(d * PER_DEPLOYMENT + t + 1).padStart(4, "0")}`,
      region: REGIONS[t % REGIONS.length],
      bootstrapClientId: randomBytes(8).toString("hex"),
      bootstrapClientSecret: randomBytes(16).toString("hex"),
      services: ["predictive-engagement"],
      settings: { adminUsers: [{ name: "Ops", email: "ops@example.com" }] },
    })),
  }));
  return stringify({ version: 1, deployments });
}

const database = await startBenchDatabase();
const settings = { jobTimeoutSeconds: 900, maintenanceIntervalSeconds: 30 };
const boss = createBoss(database.url, settings, { schedule: false, supervise: false });
let exitCode = 0;
try {
  await boss.start();
  await ensureQueues(boss, settings);
  const text = fleetText();
  const request = { text, lookup: { env: {}, baseDir: process.cwd() }, authorize: async () => audit };

  const started = performance.now();
  const first = await importFleet(database.db, { ...request, dryRun: false, openQueue: async () => boss });
  const seconds = (performance.now() - started) / 1000;

  const againStarted = performance.now();
  const again = await importFleet(database.db, { ...request, dryRun: false });
  const againSeconds = (performance.now() - againStarted) / 1000;

  const tenants = await database.db.tenant.count();
  const [jobs] = await database.db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pgboss.job WHERE name = 'key-preparation'`;
  const ratio = seconds / BOUND_SECONDS;
  console.log(
    `${TENANTS} tenants in ${Math.ceil(TENANTS / PER_DEPLOYMENT)} deployments, one file (${text.length} bytes)`,
  );
  console.log(`import: ${seconds.toFixed(2)} s, ${((seconds / TENANTS) * 1000).toFixed(2)} ms per tenant`);
  console.log(
    `  ${first.changes.length} created; ${tenants} tenants registered, ${Number(jobs!.count)} key preparations queued`,
  );
  console.log(`again: ${againSeconds.toFixed(2)} s, ${again.changes.length} changes, ${again.unchanged} unchanged`);
  console.log(`wall ${seconds.toFixed(2)} s / bound ${BOUND_SECONDS} s -> ratio ${ratio.toFixed(3)} (bound <= 1)`);
  const complete = tenants === TENANTS && Number(jobs!.count) === TENANTS && again.changes.length === 0;
  if (!complete)
    console.log("FAILED: the import did not register every tenant, queue every key, or re-import as a no-op");
  exitCode = ratio <= 1 && complete ? 0 : 1;
} finally {
  await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  await database.stop();
}
process.exit(exitCode);

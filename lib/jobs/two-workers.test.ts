import { afterAll, describe, expect, it } from "vitest";
import { until } from "@/test/support/until";
import { startProvisioningKit, testAudit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { enqueueRun } from "./enqueue";
import { createBoss, ensureQueues } from "./queues";
import { fastRetrySettings, workerProcesses } from "./worker-process-test-support";

const workers = workerProcesses();
const kits: ProvisioningKit[] = [];
afterAll(async () => {
  await workers.killAll();
  await Promise.all(kits.map((kit) => kit.close()));
});

const slowGenesys = (kit: ProvisioningKit, latencyMs: number) =>
  fetch(`${kit.genesys.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(latencyMs ? { rules: [{ latencyMs }] } : {}),
  });

describe("two `npm run worker` processes on one database", { timeout: 300_000 }, () => {
  it("share the queued runs: two tenants' applies run at the same time, one in each (each takes one at a time)", async () => {
    const [first, second] = await Promise.all([startProvisioningKit(), startProvisioningKit()]);
    kits.push(first!, second!);
    for (const kit of kits) await slowGenesys(kit, 150);
    const boss = createBoss(process.env.DATABASE_URL!, fastRetrySettings, { schedule: false, supervise: false });
    await boss.start();
    await ensureQueues(boss, fastRetrySettings);
    const pair = [workers.start(), workers.start()];
    const runIds: string[] = [];
    for (const kit of kits) {
      const request = { tenantId: kit.tenant.id, mode: "apply" as const };
      runIds.push((await enqueueRun(boss, kit.db, { request, audit: testAudit })).runId);
    }
    const runs = await until(
      async () => {
        const rows = await first!.db.run.findMany({ where: { id: { in: runIds } } });
        return rows.every((row) => row.finishedAt) ? rows : undefined;
      },
      { timeoutMs: 180_000, what: "both applies to finish" },
    );
    await boss.stop({ graceful: false });
    await Promise.all(pair.map(workers.kill));
    expect(runs.map((run) => run.status)).toEqual(["succeeded", "succeeded"]);
    const [a, b] = runs as [(typeof runs)[number], (typeof runs)[number]];
    // WORKER_CONCURRENCY=1: overlapping runs were taken by different processes.
    expect(a.startedAt < b.finishedAt! && b.startedAt < a.finishedAt!).toBe(true);
  });

  it("run the scheduled re-verify once per schedule, not once per process", async () => {
    const kit = kits[0]!;
    await slowGenesys(kit, 0);
    // Started early in a minute, the workers send that minute's firing at once and the next one's after 60 s, not a
    // firing from just before they started (pg-boss sends one up to 60 s late) and then the next within seconds.
    await until(async () => new Date().getSeconds() >= 2 && new Date().getSeconds() <= 10, {
      timeoutMs: 70_000,
      intervalMs: 250,
      what: "the start of a minute",
    });
    const since = new Date();
    workers.start({ REVERIFY_CRON: "* * * * *" });
    workers.start({ REVERIFY_CRON: "* * * * *" });
    const scheduled = () =>
      kit.db.run.findMany({
        where: { tenantId: kit.tenant.id, mode: "verify", requestedBy: "system", queuedAt: { gte: since } },
        orderBy: { queuedAt: "asc" },
      });
    const runs = await until(async () => ((await scheduled()).length >= 2 ? scheduled() : undefined), {
      timeoutMs: 200_000,
      intervalMs: 1_000,
      what: "two scheduled re-verifies",
    });
    await workers.killAll();
    // One verify per minute's firing (about 60 s apart): two processes would give two within seconds.
    const gaps = runs.slice(1).map((run, index) => run.queuedAt.getTime() - runs[index]!.queuedAt.getTime());
    expect(
      gaps.every((gap) => gap >= 20_000),
      JSON.stringify(runs.map((run) => run.queuedAt)),
    ).toBe(true);
  });
});

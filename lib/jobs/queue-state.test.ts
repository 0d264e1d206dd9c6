import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { isolatedDatabase } from "@/test/support/db";
import { testAudit } from "@/lib/provisioning/test-support";
import { enqueueRuns } from "./enqueue";
import { nextCronTime, pendingRunJobs, reverifySchedule } from "./queue-state";
import { createBoss, ensureQueues, REVERIFY_QUEUE } from "./queues";
import { fastRetrySettings } from "./worker-process-test-support";

let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await isolatedDatabase();
  db = database.db;
  // Runs are rows of real tenants.
  const deployment = await db.deployment.create({
    data: { name: "queue-state", layout: "multi-tenant", gaxBaseUrl: "http://gax.example", gaxUsername: "default" },
  });
  for (const [index, id] of tenantIds.entries())
    await db.tenant.create({
      data: {
        id,
        deploymentId: deployment.id,
        cfgTenantName: `T${index}`,
        region: "eu-west-1",
        bootstrapClientId: "c",
      },
    });
});
afterAll(() => database.drop());

const now = new Date("2026-12-05T02:30:00Z");
const tenantIds = [
  "00000000-0000-4000-8000-000000000001",
  "00000000-0000-4000-8000-000000000002",
  "00000000-0000-4000-8000-000000000003",
];

describe("the job queue as the overview reads it", { timeout: 60_000 }, () => {
  it("reports nothing, without failing, before any queue client or worker created pg-boss's tables", async () => {
    expect(await pendingRunJobs(db)).toBe(0);
    expect(await reverifySchedule(db, now)).toEqual({ cron: null, timezone: "UTC", lastRunAt: null, nextRunAt: null });
  });

  it("counts queued run jobs, and gives the re-verify schedule with its last and next run", async () => {
    const boss = createBoss(database.url, fastRetrySettings, { schedule: false, supervise: false });
    await boss.start();
    try {
      await ensureQueues(boss, fastRetrySettings);
      await enqueueRuns(boss, db, { tenantIds, mode: "apply", audit: testAudit });
      expect(await pendingRunJobs(db)).toBe(3);

      expect(await reverifySchedule(db, now)).toMatchObject({ cron: null, lastRunAt: null });
      await boss.schedule(REVERIFY_QUEUE, "0 */6 * * *", {});
      expect(await reverifySchedule(db, now)).toEqual({
        cron: "0 */6 * * *",
        timezone: "UTC",
        lastRunAt: null,
        nextRunAt: new Date("2026-12-05T06:00:00Z"),
      });

      // A scheduled job that was created but not started has not run yet; once a worker takes it, it has.
      await boss.send(REVERIFY_QUEUE, {});
      expect((await reverifySchedule(db, now)).lastRunAt).toBeNull();
      const [job] = await boss.fetch(REVERIFY_QUEUE);
      expect(job).toBeDefined();
      const started = await db.$queryRaw<{ started_on: Date }[]>`
        SELECT started_on FROM pgboss.job WHERE id = ${job!.id}::uuid`;
      expect((await reverifySchedule(db, now)).lastRunAt).toEqual(started[0]!.started_on);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});

describe("nextCronTime", () => {
  it("gives the next firing after now in the schedule's time zone, and null for an expression that does not parse", () => {
    expect(nextCronTime("0 */6 * * *", { timezone: "UTC", now })).toEqual(new Date("2026-12-05T06:00:00Z"));
    expect(nextCronTime("30 1 * * *", { timezone: "Europe/Paris", now })).toEqual(new Date("2026-12-06T00:30:00Z"));
    expect(nextCronTime("not a cron", { timezone: "UTC", now })).toBeNull();
  });
});

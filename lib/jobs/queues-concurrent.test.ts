import { afterAll, describe, expect, it } from "vitest";
import { isolatedDatabase } from "@/test/support/db";
import { createBoss, ensureQueues, RUN_QUEUE } from "./queues";
import { fastRetrySettings } from "./worker-process-test-support";

const databases: Awaited<ReturnType<typeof isolatedDatabase>>[] = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

describe("queues set up by several processes at once", { timeout: 120_000 }, () => {
  it("are created once, without any process failing (workers and dashboards start together on a fresh database)", async () => {
    for (let round = 0; round < 3; round++) {
      const database = await isolatedDatabase();
      databases.push(database);
      // Separate pools stand for separate processes, as compose starts two workers and a dashboard at once.
      const bosses = Array.from({ length: 4 }, () =>
        createBoss(database.url, fastRetrySettings, { schedule: false, supervise: false }),
      );
      try {
        const outcomes = await Promise.allSettled(
          bosses.map(async (boss) => {
            await boss.start();
            await ensureQueues(boss, fastRetrySettings);
          }),
        );
        expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([]);
        expect(await bosses[0]!.getQueue(RUN_QUEUE)).toMatchObject({ name: RUN_QUEUE });
      } finally {
        await Promise.all(bosses.map((boss) => boss.stop({ graceful: false }).catch(() => undefined)));
      }
    }
  });
});

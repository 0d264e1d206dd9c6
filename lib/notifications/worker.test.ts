import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CERTIFICATE_EXPIRY_QUEUE, NOTIFICATION_QUEUE, createBoss, ensureQueues } from "@/lib/jobs/queues";
import { fastRetrySettings } from "@/lib/jobs/worker-process-test-support";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { endpointInputSchema } from "@/lib/validation/notification-endpoint";
import { until } from "@/test/support/until";
import { undeliveredMessage } from "./delivery";
import { createEndpoint } from "./endpoints";
import { notify } from "./notify";
import { notificationSettings } from "./settings";
import { startNotificationWork } from "./worker";

let kit: ProvisioningKit;
let boss: PgBoss;

beforeAll(async () => {
  kit = await startProvisioningKit();
  boss = createBoss(process.env.DATABASE_URL!, fastRetrySettings, { schedule: false, supervise: false });
  await boss.start();
  await ensureQueues(boss, fastRetrySettings);
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await kit?.close();
});

describe("the worker's share of alerts", { timeout: 60_000 }, () => {
  it("schedules the daily certificate expiry check, whose job alerts a certificate about to expire", async () => {
    await startNotificationWork(boss, kit.db);
    const schedules = await boss.getSchedules();
    expect(schedules.find((schedule) => schedule.name === CERTIFICATE_EXPIRY_QUEUE)).toMatchObject({
      cron: "0 6 * * *",
    });

    const input = endpointInputSchema.parse({
      kind: "webhook",
      name: `expiry-check-${Date.now()}`,
      url: "http://127.0.0.1:9/unused",
      eventTypes: ["certificate.expiring"],
    });
    const { id } = await createEndpoint(kit.db, { actor: { id: null, email: "t@example.test", role: "admin" } }, input);
    const expiresAt = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    await kit.db.tenant.update({ where: { id: kit.tenant.id }, data: { certificateExpiresAt: expiresAt } });
    try {
      await boss.send(CERTIFICATE_EXPIRY_QUEUE, {});
      // The check covers every tenant of the shared test database: this one's alert is looked for.
      const delivery = await until(
        async () => {
          const rows = await kit.db.notificationDelivery.findMany({
            where: { endpointId: id },
            include: { event: true },
          });
          return rows.find((row) => (row.event.payload as { tenant?: { id: string } }).tenant?.id === kit.tenant.id);
        },
        { timeoutMs: 40_000, what: "the expiry alert" },
      );
      expect(delivery.event).toMatchObject({
        type: "certificate.expiring",
        summary: expect.stringContaining("expires in 3 days"),
      });
    } finally {
      await kit.db.notificationEndpoint.update({ where: { id }, data: { enabled: false } });
    }
  });

  it("ends a delivery failed, with what to do, when its job ends without its try recorded (a worker that died)", async () => {
    await startNotificationWork(boss, kit.db);
    const input = endpointInputSchema.parse({
      kind: "webhook",
      name: `undelivered-${Date.now()}`,
      url: "http://127.0.0.1:9/unused",
      eventTypes: ["run.failed"],
    });
    const { id } = await createEndpoint(kit.db, { actor: { id: null, email: "t@example.test", role: "admin" } }, input);
    try {
      // The delivery's job, taken by a worker that then dies: pg-boss fails the job without the handler's record.
      await boss.offWork(NOTIFICATION_QUEUE);
      const [deliveryId] = await notify(
        kit.db,
        { type: "run.failed", summary: "a run failed", path: "/", dedupeKey: `undelivered-${Date.now()}` },
        { boss, endpointId: id, settings: { ...notificationSettings(), tries: 1 } },
      );
      const [job] = await boss.fetch(NOTIFICATION_QUEUE, { includeMetadata: true });
      expect(job?.data).toEqual({ deliveryId });
      await boss.fail(NOTIFICATION_QUEUE, job!.id, { message: "worker died" });
      const delivery = await until(
        async () => {
          const row = await kit.db.notificationDelivery.findUnique({ where: { id: deliveryId! } });
          return row?.status === "failed" ? row : undefined;
        },
        { timeoutMs: 30_000, what: "the undelivered delivery to end" },
      );
      expect(delivery.operatorMessage).toBe(undeliveredMessage);
    } finally {
      await kit.db.notificationEndpoint.update({ where: { id }, data: { enabled: false } });
    }
  });
});

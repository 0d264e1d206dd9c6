import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CERTIFICATE_EXPIRY_QUEUE,
  NOTIFICATION_QUEUE,
  NOTIFICATION_UNDELIVERED_QUEUE,
  createBoss,
  ensureQueues,
} from "@/lib/jobs/queues";
import { fastRetrySettings } from "@/lib/jobs/worker-process-test-support";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { endpointInputSchema } from "@/lib/validation/notification-endpoint";
import { until } from "@/test/support/until";
import { undeliveredMessage } from "./delivery";
import { createEndpoint } from "./endpoints";
import { notify } from "./notify";
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
      // Each delivery's job names the dead-letter queue that pg-boss moves it to when it fails without its handler.
      const [queuedId] = await notify(
        kit.db,
        { type: "run.failed", summary: "a run failed", path: "/", dedupeKey: `undelivered-${Date.now()}` },
        { boss, endpointId: id },
      );
      const jobs = await kit.db.$queryRaw<{ dead_letter: string | null }[]>`
        SELECT dead_letter FROM pgboss.job WHERE name = ${NOTIFICATION_QUEUE} AND data->>'deliveryId' = ${queuedId}`;
      expect(jobs).toEqual([{ dead_letter: NOTIFICATION_UNDELIVERED_QUEUE }]);

      // A dead letter ends a delivery still queued, and leaves one that ended alone.
      const event = await kit.db.notificationEvent.create({
        data: { type: "run.failed", summary: "a run failed", payload: {} },
      });
      const [stuck, delivered] = await Promise.all(
        ["queued", "delivered"].map((status) =>
          kit.db.notificationDelivery.create({ data: { eventId: event.id, endpointId: id, status } }),
        ),
      );
      for (const delivery of [stuck!, delivered!])
        await boss.send(NOTIFICATION_UNDELIVERED_QUEUE, { deliveryId: delivery.id });
      const ended = await until(
        async () => {
          const row = await kit.db.notificationDelivery.findUnique({ where: { id: stuck!.id } });
          return row?.status === "failed" ? row : undefined;
        },
        { timeoutMs: 30_000, what: "the undelivered delivery to end" },
      );
      expect(ended.operatorMessage).toBe(undeliveredMessage);
      const deadLetterOf = async (deliveryId: string) =>
        (
          await kit.db.$queryRaw<{ state: string }[]>`
            SELECT state::text FROM pgboss.job WHERE name = ${NOTIFICATION_UNDELIVERED_QUEUE} AND data->>'deliveryId' = ${deliveryId}`
        )[0]?.state;
      await until(async () => ((await deadLetterOf(delivered!.id)) === "completed" ? true : undefined), {
        timeoutMs: 30_000,
        what: "the delivered row's dead letter to be handled",
      });
      expect(await kit.db.notificationDelivery.findUnique({ where: { id: delivered!.id } })).toMatchObject({
        status: "delivered",
        operatorMessage: null,
      });
    } finally {
      await kit.db.notificationEndpoint.update({ where: { id }, data: { enabled: false } });
    }
  });
});

import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { Db, DbTx } from "@/lib/db/client";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { NOTIFICATION_QUEUE, NOTIFICATION_UNDELIVERED_QUEUE } from "@/lib/jobs/queues";
import { payloadOf, type NotificationInput } from "./payload";
import { notificationSettings, type NotificationSettings } from "./settings";
import { log } from "@/lib/observability/logger";

export const deliveryJobSchema = z.object({ deliveryId: z.uuid() });

export type NotifyOptions = {
  /** The queue to send the delivery jobs to (default: the process-wide handle). */
  boss?: PgBoss;
  /** Only this endpoint, whatever it subscribes to (Send test). */
  endpointId?: string;
  settings?: NotificationSettings;
};

/** A worker process's own queue handle, used for the alerts it raises instead of opening a second one. */
let workerQueue: PgBoss | undefined;
export function sendAlertsThrough(boss: PgBoss | undefined): void {
  workerQueue = boss;
}

/** pg-boss writing through the caller's transaction, so deliveries and their jobs commit together. */
const inTransaction = (tx: DbTx): PgBoss.InsertOptions => ({
  db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
});

/**
 * Records an event and, in the same transaction, one delivery (status queued) and one job per endpoint that wants
 * its type. An event whose dedupe key was seen before is dropped. Returns the deliveries queued.
 */
export async function notify(db: Db, input: NotificationInput, options: NotifyOptions = {}): Promise<string[]> {
  const endpoints = await db.notificationEndpoint.findMany({
    where: options.endpointId ? { id: options.endpointId } : { enabled: true, eventTypes: { has: input.type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return [];
  const settings = options.settings ?? notificationSettings();
  const boss = options.boss ?? workerQueue ?? (await getJobQueue());
  const eventId = randomUUID();
  const occurredAt = new Date();
  const payload = payloadOf(input, { id: eventId, occurredAt, dashboardUrl: settings.dashboardUrl });
  return db.$transaction(async (tx) => {
    const created = await tx.notificationEvent.createMany({
      data: [
        {
          id: eventId,
          type: input.type,
          occurredAt,
          summary: input.summary,
          payload: payload as object,
          dedupeKey: input.dedupeKey ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (created.count === 0) return [];
    const deliveries = endpoints.map((endpoint) => ({ id: randomUUID(), eventId, endpointId: endpoint.id }));
    await tx.notificationDelivery.createMany({ data: deliveries });
    const jobs = deliveries.map((delivery) => ({
      id: randomUUID(),
      name: NOTIFICATION_QUEUE,
      data: deliveryJobSchema.parse({ deliveryId: delivery.id }),
      retryLimit: settings.tries - 1,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: true,
      deadLetter: NOTIFICATION_UNDELIVERED_QUEUE,
      expireInSeconds: Math.ceil(settings.timeoutMs / 1000) + 60,
    }));
    await boss.insert(jobs, inTransaction(tx));
    return deliveries.map((delivery) => delivery.id);
  });
}

/** notify for event sources: an alert that cannot be queued is logged, never a reason for the caller to fail. */
export async function notifySafely(db: Db, input: NotificationInput): Promise<void> {
  try {
    await notify(db, input);
  } catch (error) {
    log().error({ err: error, type: input.type }, "alert not queued");
  }
}

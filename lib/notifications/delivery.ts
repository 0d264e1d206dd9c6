import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import { NOTIFICATION_QUEUE, NOTIFICATION_UNDELIVERED_QUEUE } from "@/lib/jobs/queues";
import { openSecret } from "@/lib/secrets/store";
import { sendTo, type AttemptResult, type Endpoint } from "./channels";
import { endpointSecretRef } from "./endpoint-secret";
import { deliveryJobSchema } from "./notify";
import type { NotificationPayload } from "./payload";
import { notificationSettings, type NotificationSettings } from "./settings";

export type Attempt = { at: string; durationMs: number; ok: boolean; httpStatus?: number; error?: string };

/** What went wrong, and what to do, once the tries are used up (or when trying again cannot help). */
export function failureMessage(endpoint: Endpoint, { result, tries }: { result: AttemptResult; tries: number }) {
  if (result.ok) return undefined;
  const after = result.final ? "" : ` after ${tries} ${tries === 1 ? "try" : "tries"}`;
  if (endpoint.kind === "email")
    return result.final
      ? `Not sent: ${result.error}. Set SMTP_URL and SMTP_FROM on the server, then use Send test.`
      : `The mail server did not accept the message${after} (last: ${result.error}). Check SMTP_URL, SMTP_FROM and the recipients, then use Send test.`;
  if (result.final)
    return `Not sent: ${result.error}. Change the endpoint's URL (or OUTBOUND_ALLOWED_HOSTS), then use Send test.`;
  if (result.httpStatus !== undefined)
    return `The receiver answered ${result.error}${after}. Check the URL and that the receiver accepts the request (for a signed webhook, its secret), then use Send test.`;
  return `The receiver could not be reached${after} (last: ${result.error}). Check the URL and that this server can reach it (DNS, firewall, proxy), then use Send test.`;
}

type Outcome = "delivered" | "retry" | "failed" | "gone";

/** One try of one delivery, recorded on its row. The caller says whether it is the last try. */
export async function attemptDelivery(
  db: Db,
  { deliveryId, tryNumber, tries }: { deliveryId: string; tryNumber: number; tries: number },
  settings: NotificationSettings = notificationSettings(),
): Promise<Outcome> {
  const delivery = await db.notificationDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true, event: { select: { payload: true } } },
  });
  if (!delivery || delivery.status !== "queued") return "gone";
  const { endpoint } = delivery;
  const secret = endpoint.kind === "webhook" ? await openSecret(db, endpointSecretRef(endpoint.id)) : undefined;
  const payload = delivery.event.payload as NotificationPayload;
  const started = Date.now();
  const result = await sendTo(endpoint, { payload, secret, settings }).catch((error: unknown): AttemptResult => ({
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  }));
  const attempt: Attempt = {
    at: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    ok: result.ok,
    ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
    ...(result.ok ? {} : { error: result.error }),
  };
  const ended = result.ok || result.final || tryNumber >= tries;
  const status = result.ok ? "delivered" : ended ? "failed" : "queued";
  const log = [...(delivery.attemptLog as Attempt[]), attempt];
  await db.notificationDelivery.update({
    where: { id: deliveryId },
    data: {
      status,
      attempts: log.length,
      attemptLog: log,
      lastError: result.ok ? null : result.error,
      operatorMessage: status === "failed" ? failureMessage(endpoint, { result, tries: log.length }) : null,
      finishedAt: ended ? new Date() : null,
    },
  });
  return status === "queued" ? "retry" : status;
}

/** Takes delivery jobs in this worker process: a failed try throws, so pg-boss retries it with backoff. */
export async function workNotificationDeliveries(boss: PgBoss, db: Db): Promise<void> {
  const handle = async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    const { deliveryId } = deliveryJobSchema.parse(job!.data);
    const outcome = await attemptDelivery(db, {
      deliveryId,
      tryNumber: job!.retryCount + 1,
      tries: job!.retryLimit + 1,
    });
    if (outcome === "retry") throw new Error("This delivery's try failed; it is tried again later.");
    return { outcome };
  };
  await boss.work(NOTIFICATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, handle);
}

export const undeliveredMessage =
  "The last try did not finish: the worker stopped, or the receiver took longer than the job's time limit. Check the worker's log and the receiver, then use Send test.";

/** A delivery whose job ended without recording its last try is ended failed, so that no delivery stays queued. */
export async function endUndelivered(db: Db, deliveryId: string): Promise<boolean> {
  const { count } = await db.notificationDelivery.updateMany({
    where: { id: deliveryId, status: "queued" },
    data: { status: "failed", operatorMessage: undeliveredMessage, finishedAt: new Date() },
  });
  return count === 1;
}

/** Takes the delivery jobs pg-boss gave up on (they come here as dead letters). */
export async function workUndeliveredNotifications(boss: PgBoss, db: Db): Promise<void> {
  await boss.work(NOTIFICATION_UNDELIVERED_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => ({
    ended: await endUndelivered(db, deliveryJobSchema.parse(job!.data).deliveryId),
  }));
}

import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import { CERTIFICATE_EXPIRY_QUEUE } from "@/lib/jobs/queues";
import { alertExpiringCertificates } from "./certificate-expiry";
import { workNotificationDeliveries, workUndeliveredNotifications } from "./delivery";
import { sendAlertsThrough } from "./notify";
import { notificationSettings } from "./settings";

/** The worker's share of alerts: deliveries, and the daily certificate expiry check (CERT_EXPIRY_CHECK_CRON). */
export async function startNotificationWork(boss: PgBoss, db: Db): Promise<void> {
  sendAlertsThrough(boss);
  await workNotificationDeliveries(boss, db);
  await workUndeliveredNotifications(boss, db);
  const { certificateCheckCron } = notificationSettings();
  // A daily job: polled every 10 s, not every 2.
  await boss.work(CERTIFICATE_EXPIRY_QUEUE, { pollingIntervalSeconds: 10 }, async () => ({
    alerts: await alertExpiringCertificates(db),
  }));
  if (certificateCheckCron) await boss.schedule(CERTIFICATE_EXPIRY_QUEUE, certificateCheckCron, {});
  else await boss.unschedule(CERTIFICATE_EXPIRY_QUEUE).catch(() => undefined);
}

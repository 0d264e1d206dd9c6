import type { Db } from "@/lib/db/client";
import { notify } from "./notify";
import { notificationSettings, type NotificationSettings } from "./settings";
import { log } from "@/lib/observability/logger";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Alerts for SAML certificates that expire within CERT_EXPIRY_ALERT_DAYS (or have expired), at most once a day per
 * certificate: the dedupe key holds the tenant, the certificate's expiry and the day (UTC). Returns the alerts queued.
 */
export async function alertExpiringCertificates(
  db: Db,
  {
    tenantId,
    now = new Date(),
    settings = notificationSettings(),
  }: { tenantId?: string; now?: Date; settings?: NotificationSettings } = {},
): Promise<number> {
  const limit = new Date(now.getTime() + settings.certificateExpiryDays * DAY_MS);
  const tenants = await db.tenant.findMany({
    where: { ...(tenantId ? { id: tenantId } : {}), certificateExpiresAt: { not: null, lte: limit } },
    include: { deployment: { select: { id: true, name: true } } },
  });
  const day = now.toISOString().slice(0, 10);
  let queued = 0;
  for (const tenant of tenants) {
    const expiresAt = tenant.certificateExpiresAt!;
    const days = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS);
    const label = `${tenant.deployment.name}/${tenant.cfgTenantName}`;
    const when = days > 0 ? `expires in ${days} day${days === 1 ? "" : "s"}` : "has expired";
    const deliveries = await notify(
      db,
      {
        type: "certificate.expiring",
        summary: `The SAML signing certificate of ${label} ${when} (${expiresAt.toISOString()}). Rotate it on the tenant's Certificate page.`,
        tenant: { id: tenant.id, name: tenant.cfgTenantName },
        deployment: tenant.deployment,
        path: `/tenants/${tenant.id}/certificate`,
        details: { expiresAt: expiresAt.toISOString(), daysLeft: days },
        dedupeKey: `certificate.expiring:${tenant.id}:${expiresAt.toISOString()}:${day}`,
      },
      { settings },
    );
    if (deliveries.length > 0) queued += 1;
  }
  return queued;
}

/** After a rotation: the tenant's certificate, whichever it now is, checked at once. Never throws. */
export async function alertExpiringCertificateOf(db: Db, tenantId: string): Promise<void> {
  await alertExpiringCertificates(db, { tenantId }).catch((error: unknown) =>
    log().error({ err: error }, "certificate expiry check failed"),
  );
}

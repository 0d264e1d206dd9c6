import type PgBoss from "pg-boss";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { notify } from "./notify";

/** "Send test": a test event to this endpoint only (enabled or not), queued like any delivery, audited. */
export async function sendTestNotification(
  db: Db,
  audit: AuditContext,
  { endpointId, boss }: { endpointId: string; boss?: PgBoss },
): Promise<string> {
  const endpoint = await db.notificationEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw new AppError("not_found", "This endpoint no longer exists.");
  const [deliveryId] = await notify(
    db,
    {
      type: "test",
      summary: `A test from Hybrid Provisioner, sent by ${audit.actor.email ?? "an admin"} to "${endpoint.name}".`,
      path: "/notifications",
      details: { endpoint: { id: endpoint.id, name: endpoint.name } },
    },
    { endpointId, boss },
  );
  await db.$transaction((tx) =>
    recordAuditEvent(tx, audit, {
      event: {
        action: "notification_endpoint.test",
        outcome: "success",
        target: { type: "notification_endpoint", id: endpoint.id, label: endpoint.name },
        details: { deliveryId: deliveryId! },
      },
    }),
  );
  return deliveryId!;
}

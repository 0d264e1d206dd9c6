import type { DbTx } from "@/lib/db/client";

export async function overviewStats(db: DbTx) {
  const [activeUsers, auditEvents, secrets, lastEvent] = await Promise.all([
    db.user.count({ where: { active: true } }),
    db.auditEvent.count(),
    db.secret.count(),
    db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { occurredAt: true, action: true, actorEmail: true } }),
  ]);
  return { activeUsers, auditEvents, secrets, lastEvent };
}

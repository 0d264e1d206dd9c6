import type { DbTx } from "@/lib/db/client";

export const auditPageSize = 50;

/** Newest first, keyset-paginated on the sequence number so any page costs the same however deep. */
export async function listAuditEvents(db: DbTx, options: { before?: bigint } = {}) {
  const rows = await db.auditEvent.findMany({
    where: options.before ? { seq: { lt: options.before } } : undefined,
    orderBy: { seq: "desc" },
    take: auditPageSize + 1,
  });
  const page = rows.slice(0, auditPageSize);
  return { events: page, nextBefore: rows.length > auditPageSize ? page[page.length - 1]!.seq : undefined };
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];

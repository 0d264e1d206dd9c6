import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { AuditContext } from "@/lib/audit/record";
import type { DbTx } from "@/lib/db/client";
import { KEY_PREPARATION_QUEUE } from "@/lib/jobs/queues";

/**
 * Queues the SAML key preparation of tenants just imported (the job registration queues one by one,
 * lib/jobs/key-preparation-jobs.ts), all in one statement written through the import's transaction, so the jobs
 * exist exactly when the tenants do.
 */
export async function enqueueKeyPreparations(
  boss: PgBoss,
  tx: DbTx,
  { tenantIds, audit }: { tenantIds: string[]; audit: AuditContext },
): Promise<void> {
  if (tenantIds.length === 0) return;
  const jobs = tenantIds.map((tenantId) => ({
    id: randomUUID(),
    name: KEY_PREPARATION_QUEUE,
    data: {
      tenantId,
      actor: audit.actor,
      clientAddress: audit.clientAddress ?? null,
      userAgent: audit.userAgent ?? null,
    },
  }));
  await boss.insert(jobs, {
    db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}

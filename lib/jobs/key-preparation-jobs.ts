import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { AuditContext } from "@/lib/audit/record";
import type { Db, DbTx } from "@/lib/db/client";
import { prepareSamlKey } from "@/lib/provisioning";
import { actorSchema } from "./job-actor";
import { KEY_PREPARATION_QUEUE } from "./queues";

/** What a queued key preparation carries: the tenant just registered, and who registered it. */
const keyPreparationJobSchema = z.object({
  tenantId: z.uuid(),
  actor: actorSchema,
  clientAddress: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
});

const jobOf = (tenantId: string, audit: AuditContext) =>
  keyPreparationJobSchema.parse({
    tenantId,
    actor: audit.actor,
    clientAddress: audit.clientAddress ?? null,
    userAgent: audit.userAgent ?? null,
  });

/** Queues the preparation of a newly registered tenant's SAML signing key (lib/provisioning/registration/prepared-key.ts). */
export async function enqueueKeyPreparation(boss: PgBoss, tenantId: string, audit: AuditContext): Promise<string> {
  const id = await boss.send(KEY_PREPARATION_QUEUE, jobOf(tenantId, audit));
  if (!id) throw new Error("The key preparation could not be queued.");
  return id;
}

/**
 * Queues the key preparations of many tenants in one statement, written through the caller's transaction (an import),
 * so the jobs exist exactly when the tenants do.
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
    data: jobOf(tenantId, audit),
  }));
  await boss.insert(jobs, {
    db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}

/** Takes queued key preparations in this worker process; a delivery after the key was made does nothing. */
export async function workKeyPreparations(boss: PgBoss, db: Db): Promise<void> {
  await boss.work(
    KEY_PREPARATION_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async ([job]: PgBoss.Job<unknown>[]) => {
      const request = keyPreparationJobSchema.parse(job!.data);
      const outcome = await prepareSamlKey(
        db,
        { actor: request.actor, clientAddress: request.clientAddress, userAgent: request.userAgent },
        request.tenantId,
      );
      return { outcome };
    },
  );
}

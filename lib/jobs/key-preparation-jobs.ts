import type PgBoss from "pg-boss";
import { z } from "zod";
import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
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

/** Queues the preparation of a newly registered tenant's SAML signing key (lib/provisioning/registration/prepared-key.ts). */
export async function enqueueKeyPreparation(boss: PgBoss, tenantId: string, audit: AuditContext): Promise<string> {
  const job = keyPreparationJobSchema.parse({
    tenantId,
    actor: audit.actor,
    clientAddress: audit.clientAddress ?? null,
    userAgent: audit.userAgent ?? null,
  });
  const id = await boss.send(KEY_PREPARATION_QUEUE, job);
  if (!id) throw new Error("The key preparation could not be queued.");
  return id;
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

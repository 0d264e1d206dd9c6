import type PgBoss from "pg-boss";
import { z } from "zod";
import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { alertExpiringCertificateOf } from "@/lib/notifications/certificate-expiry";
import { rotateCertificate } from "@/lib/provisioning";
import { actorSchema } from "./job-actor";
import { ROTATION_QUEUE } from "./queues";

/** What a queued certificate rotation carries: the tenant, and who asked (copied onto every audit record). */
const rotationJobSchema = z.object({
  tenantId: z.uuid(),
  actor: actorSchema,
  clientAddress: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
});

/** Queues a certificate rotation of one tenant; a worker resumes the tenant's unfinished rotation or starts one. */
export async function enqueueRotation(boss: PgBoss, tenantId: string, audit: AuditContext): Promise<string> {
  const job = rotationJobSchema.parse({
    tenantId,
    actor: audit.actor,
    clientAddress: audit.clientAddress ?? null,
    userAgent: audit.userAgent ?? null,
  });
  const id = await boss.send(ROTATION_QUEUE, job);
  if (!id) throw new Error("The certificate rotation could not be queued.");
  return id;
}

/** Takes queued rotations in this worker process. */
export async function workRotations(
  boss: PgBoss,
  db: Db,
  settings: { runLeaseSeconds: number; propagationWindowMs?: number },
): Promise<void> {
  await boss.work(ROTATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]: PgBoss.Job<unknown>[]) => {
    const request = rotationJobSchema.parse(job!.data);
    const audit = { actor: request.actor, clientAddress: request.clientAddress, userAgent: request.userAgent };
    try {
      // The job id makes a delivery after the rotation finished (the worker died before pg-boss recorded it) a no-op.
      const report = await rotateCertificate(request.tenantId, {
        db,
        audit,
        leaseMs: settings.runLeaseSeconds * 1000,
        propagationWindowMs: settings.propagationWindowMs,
        requestId: job!.id,
      });
      await alertExpiringCertificateOf(db, request.tenantId);
      return { rotationId: report.rotationId, status: report.status, stage: report.stage };
    } catch (error) {
      // Another run holds the tenant: fail this attempt so pg-boss retries it later.
      if (error instanceof AppError && error.code === "conflict") throw new Error(error.message);
      throw error;
    }
  });
}

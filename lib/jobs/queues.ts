import PgBoss from "pg-boss";
import { z } from "zod";
import { actorSchema } from "./job-actor";
import { ensureRotationQueue } from "./rotation-jobs";

export const RUN_QUEUE = "provisioning-run";
export const REVERIFY_QUEUE = "scheduled-reverify";

/** What a queued run carries: the request, and who asked (copied onto every audit record of the run). */
export const runJobSchema = z.object({
  tenantId: z.uuid(),
  mode: z.enum(["plan", "apply", "verify"]),
  stepKey: z.string().optional(),
  actor: actorSchema,
  clientAddress: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
});
export type RunJob = z.infer<typeof runJobSchema>;

export type QueueSettings = {
  /** A job whose worker died is retried after this long (it must exceed the longest run). */
  jobTimeoutSeconds: number;
  /** How often expired jobs are found and retried. */
  maintenanceIntervalSeconds: number;
  /** Wait before retrying a failed or expired job (doubling with each retry unless fixed). */
  retryDelaySeconds?: number;
  fixedRetryDelay?: boolean;
};

/** pg-boss on the app's own database, in its own schema. */
export function createBoss(databaseUrl: string, settings: QueueSettings, role: { schedule: boolean; supervise: boolean }) {
  return new PgBoss({
    connectionString: databaseUrl,
    schema: "pgboss",
    application_name: "hybrid-provisioner-jobs",
    max: 4,
    schedule: role.schedule,
    supervise: role.supervise,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
}

export async function ensureQueues(boss: PgBoss, settings: QueueSettings) {
  await boss.createQueue(RUN_QUEUE, {
    name: RUN_QUEUE,
    policy: "standard",
    retryLimit: 20,
    retryDelay: settings.retryDelaySeconds ?? 2,
    retryBackoff: !settings.fixedRetryDelay,
    expireInSeconds: settings.jobTimeoutSeconds,
  });
  await boss.createQueue(REVERIFY_QUEUE, { name: REVERIFY_QUEUE, policy: "singleton", retryLimit: 0 });
  await ensureRotationQueue(boss, settings);
}

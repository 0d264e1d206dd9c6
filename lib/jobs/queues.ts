import PgBoss from "pg-boss";
import { z } from "zod";
import { actorSchema } from "./job-actor";

export const RUN_QUEUE = "provisioning-run";
export const REVERIFY_QUEUE = "scheduled-reverify";
/** Certificate rotations (lib/jobs/rotation-jobs.ts). */
export const ROTATION_QUEUE = "certificate-rotation";
/** SAML signing keys generated for newly registered tenants (lib/jobs/key-preparation-jobs.ts). */
export const KEY_PREPARATION_QUEUE = "key-preparation";
/** One job per alert delivery; its tries and backoff are set per job (lib/notifications/notify.ts). */
export const NOTIFICATION_QUEUE = "notification-delivery";
/** Delivery jobs that ended without their try being recorded (the worker died or the try outlived its expiry). */
export const NOTIFICATION_UNDELIVERED_QUEUE = "notification-undelivered";
/** The daily look for certificates about to expire (lib/notifications/certificate-expiry.ts). */
export const CERTIFICATE_EXPIRY_QUEUE = "certificate-expiry-check";

/** What a queued run carries: the request, and who asked (copied onto every audit record of the run). */
export const runJobSchema = z.object({
  tenantId: z.uuid(),
  /** The run's row, queued with the job (absent on jobs queued before runs were rows: the engine makes one). */
  runId: z.uuid().optional(),
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

/** A queue whose jobs are retried when their worker died (they expire) or failed, e.g. on a busy tenant. */
const retriedQueue = (name: string, settings: QueueSettings): PgBoss.Queue => ({
  name,
  policy: "standard",
  retryLimit: 20,
  retryDelay: settings.retryDelaySeconds ?? 2,
  retryBackoff: !settings.fixedRetryDelay,
  expireInSeconds: settings.jobTimeoutSeconds,
});

/** pg-boss on the app's own database, in its own schema. */
export function createBoss(
  databaseUrl: string,
  settings: QueueSettings,
  role: { schedule: boolean; supervise: boolean },
) {
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

/**
 * pg-boss creates a queue's partition table without a lock of its own, so processes starting together on a fresh
 * database (a dashboard and its workers) can deadlock each other; PostgreSQL then fails all but one. The losers try
 * again after a short random wait, by when the queue exists and its creation is a no-op.
 */
async function retriedOnDeadlock(create: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      const deadlock = (error as { code?: string }).code === "40P01";
      if (!deadlock || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}

export async function ensureQueues(boss: PgBoss, settings: QueueSettings) {
  const queues: PgBoss.Queue[] = [
    retriedQueue(RUN_QUEUE, settings),
    { name: REVERIFY_QUEUE, policy: "singleton", retryLimit: 0 },
    // A rotation that failed on its own (e.g. its smoke test) is not retried: the job succeeds with a failed report
    // and the operator resumes the rotation once the cause is fixed.
    retriedQueue(ROTATION_QUEUE, settings),
    retriedQueue(KEY_PREPARATION_QUEUE, settings),
    { name: NOTIFICATION_UNDELIVERED_QUEUE, policy: "standard", retryLimit: 2 },
    // Each delivery job names its dead-letter queue itself (lib/notifications/notify.ts), so queues created before
    // the dead-letter queue existed are covered too.
    { name: NOTIFICATION_QUEUE, policy: "standard", expireInSeconds: 300 },
    { name: CERTIFICATE_EXPIRY_QUEUE, policy: "singleton", retryLimit: 0 },
  ];
  for (const queue of queues) await retriedOnDeadlock(() => boss.createQueue(queue.name, queue));
}

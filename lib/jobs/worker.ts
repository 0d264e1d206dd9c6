import type PgBoss from "pg-boss";
import { systemActor } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { failRunBeforeStart, isStillQueued, noteRunWaiting, runTenant } from "@/lib/provisioning";
import { enqueueRuns } from "./enqueue";
import { startNotificationWork } from "@/lib/notifications/worker";
import { workKeyPreparations } from "./key-preparation-jobs";
import { workRotations } from "./rotation-jobs";
import { createBoss, ensureQueues, REVERIFY_QUEUE, RUN_QUEUE, runJobSchema, type QueueSettings } from "./queues";
import { log, withLogContext } from "@/lib/observability/logger";

type WorkerSettings = QueueSettings & {
  /** Runs processed at once by this process; the per-org rate limiter paces them against Genesys Cloud. */
  concurrency: number;
  /** How long a run may go without progress before another may take over its tenant. */
  runLeaseSeconds: number;
  /** How long a refusal may be Genesys Cloud still taking in a recent change (GENESYS_PROPAGATION_SECONDS). */
  propagationWindowMs?: number;
  /** Cron expression for re-verifying every tenant; empty turns it off. */
  reverifyCron: string;
  /** Tries of a run whose tenant another run holds before it ends failed (at most the queue's retries). */
  leaseConflictTries?: number;
};

/** With pg-boss's doubling retry delay from 2 s (and jitter), ten tries wait 17 to 34 minutes: longer than most runs. */
const LEASE_CONFLICT_TRIES = 10;

export type RunningWorker = { boss: PgBoss; stop(): Promise<void> };

/**
 * Takes queued runs and executes them with the engine. Any number of these may run, in the app or as
 * `npm run worker`, against one database: the engine's tenant lease keeps two runs off one tenant, and a job whose
 * worker died is retried after its timeout and resumes where the engine's records say it stopped.
 */
export async function startWorker(db: Db, databaseUrl: string, settings: WorkerSettings): Promise<RunningWorker> {
  const boss = createBoss(databaseUrl, settings, { schedule: true, supervise: true });
  boss.on("error", (error) => log().error({ err: error }, "job queue error"));
  await boss.start();
  await ensureQueues(boss, settings);

  // The Genesys Cloud client keeps one rate limiter and token cache per org in the process, so concurrent runs
  // against one org are paced together.
  const handleRun = ([job]: PgBoss.JobWithMetadata<unknown>[]) =>
    withLogContext({ jobId: job!.id }, () => runJob(job!));
  const runJob = async (job: PgBoss.JobWithMetadata<unknown>) => {
    const request = runJobSchema.parse(job.data);
    const audit = { actor: request.actor, clientAddress: request.clientAddress, userAgent: request.userAgent };
    const { runId } = request;
    try {
      const report = await runTenant(
        { tenantId: request.tenantId, mode: request.mode, stepKey: request.stepKey, runId },
        { db, audit, leaseMs: settings.runLeaseSeconds * 1000, propagationWindowMs: settings.propagationWindowMs },
      );
      return { runId: report.runId, status: report.status };
    } catch (error) {
      const conflict = error instanceof AppError && error.code === "conflict";
      // A job queued before runs were rows has none to end: pg-boss retries it as before.
      if (!runId) throw conflict ? new Error(error.message) : error;
      const tried = job.retryCount + 1;
      if (conflict) {
        // Another run holds the tenant: the run stays queued, says why, and pg-boss tries it again later. When the
        // holder is this job's own earlier attempt (the run is no longer queued), it is retried as before.
        const tries = Math.min(job.retryLimit + 1, settings.leaseConflictTries ?? LEASE_CONFLICT_TRIES);
        const waiting = `${error.message} Waiting for it: tried ${tried} of ${tries} times.`;
        const queued = await noteRunWaiting(db, runId, waiting);
        log().info({ runId, tried, tries }, "tenant busy: the run waits for the other run");
        if (!queued || tried < tries) throw new Error(error.message);
        const gaveUp = `${error.message} Gave up after ${tries} tries: run it again once the other run has finished.`;
        await failRunBeforeStart(db, audit, { runId, error: new AppError("conflict", gaveUp), onlyIfQueued: true });
        return { runId, status: "failed" };
      }
      // Anything else before the engine took the run over ends it failed now, with its message. After, the job is
      // retried (the engine resumes from its records) until its tries are used up, then the run ends failed.
      log().warn({ err: error, runId, tried }, "run job failed");
      if (!(await isStillQueued(db, runId)) && tried <= job.retryLimit) throw error;
      await failRunBeforeStart(db, audit, { runId, error });
      return { runId, status: "failed" };
    }
  };
  for (let index = 0; index < Math.max(1, settings.concurrency); index += 1) {
    await boss.work(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, handleRun);
  }

  await workRotations(boss, db, settings);
  await workKeyPreparations(boss, db);
  await startNotificationWork(boss, db);

  if (settings.reverifyCron) {
    await boss.schedule(REVERIFY_QUEUE, settings.reverifyCron, {});
    await boss.work(REVERIFY_QUEUE, async () => {
      const tenants = await db.tenant.findMany({ where: { orgId: { not: null } }, select: { id: true } });
      await enqueueRuns(boss, db, {
        tenantIds: tenants.map((tenant) => tenant.id),
        mode: "verify",
        audit: { actor: systemActor, clientAddress: "scheduler", userAgent: "hybrid-provisioner" },
      });
    });
  } else {
    await boss.unschedule(REVERIFY_QUEUE).catch(() => undefined);
  }

  return {
    boss,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 30_000 }),
  };
}

import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { AuditContext } from "@/lib/audit/record";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { queueRuns, type QueuedRun } from "@/lib/provisioning";
import { RUN_QUEUE, runJobSchema, type RunJob } from "./queues";

type RunRequest = { tenantId: string; mode: RunJob["mode"]; stepKey?: string };

const jobOf = (run: QueuedRun, request: Omit<RunRequest, "tenantId">, audit: AuditContext): RunJob =>
  runJobSchema.parse({
    tenantId: run.tenantId,
    runId: run.runId,
    mode: request.mode,
    stepKey: request.stepKey,
    actor: audit.actor,
    clientAddress: audit.clientAddress ?? null,
    userAgent: audit.userAgent ?? null,
  });

/** pg-boss writing through the caller's transaction, so a run's row and its job commit together or not at all. */
const inTransaction = (tx: DbTx): PgBoss.InsertOptions => ({
  db: { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
});

/**
 * Queues runs: their rows (status queued) with their audit records, and their jobs, in one transaction of a few
 * statements however many tenants. Returns the runs queued with their job ids (tenants gone are left out).
 */
async function queue(
  boss: PgBoss,
  db: Db,
  { tenantIds, request, audit }: { tenantIds: string[]; request: Omit<RunRequest, "tenantId">; audit: AuditContext },
): Promise<(QueuedRun & { jobId: string })[]> {
  return db.$transaction(async (tx) => {
    const runs = await queueRuns(tx, audit, { tenantIds, mode: request.mode, stepKey: request.stepKey ?? null });
    if (runs.length === 0) return [];
    const jobs = runs.map((run) => ({ id: randomUUID(), name: RUN_QUEUE, data: jobOf(run, request, audit) }));
    await boss.insert(jobs, inTransaction(tx));
    return runs.map((run, index) => ({ ...run, jobId: jobs[index]!.id }));
  });
}

/** Queues one run; a worker (in the app or `npm run worker`) picks it up. Returns its run and job ids. */
export async function enqueueRun(
  boss: PgBoss,
  db: Db,
  { request, audit }: { request: RunRequest; audit: AuditContext },
): Promise<{ runId: string; jobId: string }> {
  const [run] = await queue(boss, db, { tenantIds: [request.tenantId], request, audit });
  if (!run) throw new AppError("not_found", "This tenant no longer exists.");
  return { runId: run.runId, jobId: run.jobId };
}

/** Queues runs for many tenants (bulk plan, apply or verify, the scheduled re-verify). Returns how many. */
export async function enqueueRuns(
  boss: PgBoss,
  db: Db,
  { tenantIds, mode, audit }: { tenantIds: string[]; mode: RunJob["mode"]; audit: AuditContext },
): Promise<number> {
  if (tenantIds.length === 0) return 0;
  return (await queue(boss, db, { tenantIds, request: { mode }, audit })).length;
}

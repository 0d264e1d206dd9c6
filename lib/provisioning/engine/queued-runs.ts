import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "@/lib/audit/events";
import { recordAuditEvents, type AuditContext } from "@/lib/audit/record";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/observability/logger";
import { countRun } from "@/lib/observability/metrics";
import { notifyRunEnded } from "@/lib/notifications/run-events";
import { describeFailure, type Failure } from "./failures";
import type { RunMode } from "./run-records";
import { SettingsError } from "../model/settings";
import { tenantLabel } from "../model/tenant-view";

/** A run asked for and waiting for a worker: its row, and the tenant it is for. */
export interface QueuedRun {
  runId: string;
  tenantId: string;
  correlationId: string;
}

const ENDED = ["succeeded", "failed", "needs-input", "cancelled"] as const;
export type EndedRunStatus = (typeof ENDED)[number];

const tenantOfRun = { tenant: { select: { id: true, cfgTenantName: true, deployment: { select: { name: true } } } } };
type TenantOfRun = { id: string; cfgTenantName: string; deployment: { name: string } };
const targetOf = (tenant: TenantOfRun) => ({
  type: "tenant" as const,
  id: tenant.id,
  label: tenantLabel(tenant.deployment.name, tenant.cfgTenantName),
});
const whoOf = (audit: AuditContext) => audit.actor.email ?? "the system";

/**
 * Runs asked for: a row each (status queued) and their run.queue audit records, in the caller's transaction and in
 * a few statements however many tenants. Tenants that no longer exist are left out.
 */
export async function queueRuns(
  tx: DbTx,
  audit: AuditContext,
  { tenantIds, mode, stepKey = null }: { tenantIds: string[]; mode: RunMode; stepKey?: string | null },
): Promise<QueuedRun[]> {
  const tenants = await tx.tenant.findMany({ where: { id: { in: tenantIds } }, select: tenantOfRun.tenant.select });
  if (tenants.length === 0) return [];
  const now = new Date();
  const rows = tenants.map((tenant) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    mode,
    stepKey,
    status: "queued",
    requestedById: audit.actor.id,
    requestedBy: audit.actor.email,
    correlationId: randomUUID(),
    queuedAt: now,
    startedAt: now,
    // Meaningless until a worker takes the run over and sets it.
    leaseExpiresAt: now,
  }));
  await tx.run.createMany({ data: rows });
  const events = rows.map((row, index): AuditEventInput => ({
    action: "run.queue",
    outcome: "success",
    target: targetOf(tenants[index]!),
    details: { runId: row.id, correlationId: row.correlationId, mode, step: stepKey },
  }));
  await recordAuditEvents(tx, audit, { events });
  return rows.map((row) => ({ runId: row.id, tenantId: row.tenantId, correlationId: row.correlationId }));
}

/**
 * How a queued run stands when a worker picks up its job: undefined when it is to run (queued, or started by a
 * worker that died), else how it ended. A cancel asked of a run whose worker died ends it cancelled here.
 */
export async function endedBeforeStart(db: Db, runId: string): Promise<EndedRunStatus | undefined> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { status: true, cancelRequestedAt: true } });
  if (!run) return "cancelled";
  if ((ENDED as readonly string[]).includes(run.status)) return run.status as EndedRunStatus;
  if (run.cancelRequestedAt) {
    await db.run.updateMany({
      where: { id: runId, status: { in: ["running", "abandoned"] } },
      data: { status: "cancelled", finishedAt: new Date(), errorCode: "cancelled" },
    });
    return "cancelled";
  }
  return undefined;
}

/**
 * A queued run that waits for something (another run's lease): it stays queued and says why. Returns false when the
 * run is no longer queued (an earlier attempt of its job took it over).
 */
export async function noteRunWaiting(db: Db, runId: string, message: string): Promise<boolean> {
  const noted = await db.run.updateMany({ where: { id: runId, status: "queued" }, data: { operatorMessage: message } });
  return noted.count === 1;
}

/** Whether the run still waits for a worker to take it over (nothing of the engine has started it). */
export async function isStillQueued(db: Db, runId: string): Promise<boolean> {
  return (await db.run.count({ where: { id: runId, status: "queued" } })) === 1;
}

/** What went wrong before the engine started, and what to do, in an operator's words. */
function failureBeforeStart(error: unknown, correlationId: string): Failure {
  const failure = describeFailure(error, "The run", correlationId);
  if (error instanceof SettingsError)
    return { ...failure, message: `${failure.message}. Correct the tenant's settings, then run it again.` };
  if (error instanceof AppError && error.code === "not_found")
    return { ...failure, message: `${failure.message} Nothing was changed.` };
  return failure;
}

/**
 * Ends a queued run that could not start (settings that cannot run, the tenant gone, its lease held until the retries
 * ran out, a worker's unexpected error): failed, with the operator message and its run.finish audit record. A run
 * that has already ended is left as it is. Returns whether it ended the run.
 */
export async function failRunBeforeStart(
  db: Db,
  audit: AuditContext,
  { runId, error, onlyIfQueued = false }: { runId: string; error: unknown; onlyIfQueued?: boolean },
): Promise<boolean> {
  const endable = onlyIfQueued ? ["queued"] : ["queued", "running"];
  const endedMode = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM runs WHERE id = ${runId}::uuid FOR UPDATE`;
    const run = await tx.run.findUnique({ where: { id: runId }, include: tenantOfRun });
    if (!run || !endable.includes(run.status)) return undefined;
    const failure = failureBeforeStart(error, run.correlationId);
    await tx.run.update({
      where: { id: runId },
      data: {
        status: "failed",
        finishedAt: new Date(),
        errorCode: failure.code,
        operatorMessage: failure.message,
      },
    });
    const details = { runId, correlationId: run.correlationId, mode: run.mode as RunMode, status: "failed" };
    await recordAuditEvents(tx, audit, {
      events: [
        {
          action: "run.finish",
          outcome: "failure",
          target: targetOf(run.tenant),
          details: { ...details, steps: {}, errorCode: failure.code },
        },
      ],
    });
    return run.mode;
  });
  if (endedMode) {
    countRun({ mode: endedMode, outcome: "failed" });
    log().info({ runId, mode: endedMode, status: "failed" }, "run ended before it started");
    await notifyRunEnded(db, runId);
  }
  return endedMode !== undefined;
}

/**
 * An operator cancels a run: a queued one ends cancelled at once (its job, when picked up, finds nothing to do); a
 * running one is asked to stop and ends cancelled at its next step boundary; one whose process died (lease passed)
 * ends cancelled at once. Audited (run.cancel). Returns the run's status after the request.
 */
export async function cancelRun(
  db: Db,
  audit: AuditContext,
  { runId, tenantId }: { runId: string; tenantId: string },
): Promise<{ status: "cancelled" | "running" }> {
  const answer = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM runs WHERE id = ${runId}::uuid FOR UPDATE`;
    const run = await tx.run.findUnique({ where: { id: runId }, include: tenantOfRun });
    if (!run || run.tenantId !== tenantId) throw new AppError("not_found", "This run no longer exists.");
    if (run.status !== "queued" && run.status !== "running")
      throw new AppError("conflict", `This run has already ended (${run.status}): there is nothing to cancel.`);
    // Asked already (only a running run can still be queued or running after that): it stops at its next boundary.
    if (run.cancelRequestedAt) return { status: "running" as const, mode: run.mode };
    const now = new Date();
    const who = whoOf(audit);
    const stopsNow = run.status === "queued" || run.leaseExpiresAt <= now;
    const message =
      run.status === "queued"
        ? `Cancelled by ${who} before it started.`
        : `Cancelled by ${who}; the process running it had already stopped.`;
    await tx.run.update({
      where: { id: runId },
      data: {
        cancelRequestedAt: now,
        cancelledBy: who,
        ...(stopsNow ? { status: "cancelled", finishedAt: now, errorCode: "cancelled", operatorMessage: message } : {}),
      },
    });
    const wasStatus = run.status;
    await recordAuditEvents(tx, audit, {
      events: [
        {
          action: "run.cancel",
          outcome: "success",
          target: targetOf(run.tenant),
          details: { runId, correlationId: run.correlationId, mode: run.mode as RunMode, wasStatus },
        },
      ],
    });
    return { status: stopsNow ? ("cancelled" as const) : ("running" as const), mode: run.mode };
  });
  // A running run that stops at its next boundary is counted when it ends there.
  if (answer.status === "cancelled") countRun({ mode: answer.mode, outcome: "cancelled" });
  return { status: answer.status };
}

/** Who asked the running run to stop, or undefined: read at each step boundary. */
export async function cancelRequestedBy(db: Db, runId: string): Promise<string | undefined> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { cancelRequestedAt: true, cancelledBy: true } });
  return run?.cancelRequestedAt ? (run.cancelledBy ?? "an operator") : undefined;
}

import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "@/lib/audit/events";
import { recordAuditEvent, recordAuditEvents, type AuditContext } from "@/lib/audit/record";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RunStatus, StepReport } from "./engine-types";
import type { Failure } from "./failures";
import type { TenantView } from "../model/tenant-view";

export type RunMode = "plan" | "apply" | "verify";
/** A run's lease: renewed every third of it while its process lives (lease-heartbeat.ts), so a dead run frees its tenant this soon. */
export const DEFAULT_LEASE_MS = 30_000;

export interface RunHandle {
  id: string;
  correlationId: string;
  mode: RunMode;
  stepKey: string | null;
}

/** A run to start: the tenant, what it does, and how long its lease holds without being extended. */
export interface RunStart {
  tenant: TenantView;
  mode: RunMode;
  stepKey: string | null;
  leaseMs: number;
  /** The run's row, queued when it was asked for (lib/provisioning/engine/queued-runs.ts): taken over, not made anew. */
  queuedRunId?: string;
}

/** The queued run was cancelled before a worker could take it over. */
export class RunCancelledError extends Error {
  constructor(readonly runId: string) {
    super("The run was cancelled before it started.");
    this.name = "RunCancelledError";
  }
}

/** A run that ends, with what it reports. */
export interface RunFinish {
  tenant: TenantView;
  run: RunHandle;
  outcome: RunOutcome;
}

export const tenantTarget = (tenant: TenantView) => ({ type: "tenant" as const, id: tenant.id, label: tenant.label });

/**
 * Starts a run unless another run of the tenant holds an unexpired lease. The tenant row is locked while checking,
 * so two processes cannot both start; a run whose lease passed (its process died) is marked abandoned. A queued run
 * is taken over (queued -> running); one that a dead worker had already started gets a new row, which resumes it.
 */
export async function startRun(db: Db, audit: AuditContext, start: RunStart): Promise<RunHandle> {
  return (await startRunReading(db, audit, { ...start, read: async () => undefined })).run;
}

/** startRun, and `read` in the same transaction once the lease is taken: what the run reads then, it holds. */
export async function startRunReading<T>(
  db: Db,
  audit: AuditContext,
  { tenant, mode, stepKey, leaseMs, queuedRunId, read }: RunStart & { read: (tx: DbTx) => Promise<T> },
): Promise<{ run: RunHandle; value: T }> {
  return db.$transaction(async (tx) => {
    // The tenant's row locked, and its latest running run read, in one statement.
    const [active] = await tx.$queryRaw<
      { mode: string | null; startedAt: Date | null; requestedBy: string | null; leaseExpiresAt: Date | null }[]
    >`
      SELECT latest.mode, latest.started_at AS "startedAt", latest.requested_by AS "requestedBy",
        latest.lease_expires_at AS "leaseExpiresAt"
      FROM tenants LEFT JOIN LATERAL (
        SELECT mode, started_at, requested_by, lease_expires_at FROM runs
        WHERE runs.tenant_id = tenants.id AND runs.status = 'running' ORDER BY started_at DESC LIMIT 1) latest ON true
      WHERE tenants.id = ${tenant.id}::uuid FOR UPDATE OF tenants`;
    const now = new Date();
    if (active?.leaseExpiresAt && active.leaseExpiresAt > now) {
      throw new AppError(
        "conflict",
        `Another ${active.mode} run of ${tenant.label} is in progress (started ${active.startedAt!.toISOString()} by ${active.requestedBy ?? "the system"}). Wait for it to finish, then try again.`,
      );
    }
    // Runs whose lease ran out: their process stopped.
    if (active?.leaseExpiresAt)
      await tx.run.updateMany({
        where: { tenantId: tenant.id, status: "running" },
        data: {
          status: "abandoned",
          finishedAt: now,
          errorCode: "abandoned",
          operatorMessage: "The process running this stopped before it finished.",
        },
      });
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    const run =
      (queuedRunId && (await takeOver(tx, { queuedRunId, now, leaseExpiresAt }))) ||
      (await tx.run.create({
        data: {
          tenantId: tenant.id,
          mode,
          stepKey,
          requestedById: audit.actor.id,
          requestedBy: audit.actor.email,
          correlationId: randomUUID(),
          leaseExpiresAt,
        },
      }));
    const { correlationId } = run;
    const value = await read(tx);
    await recordAuditEvent(tx, audit, {
      event: {
        action: "run.start",
        outcome: "success",
        target: tenantTarget(tenant),
        details: { runId: run.id, correlationId, mode, step: stepKey },
      },
    });
    return { run: { id: run.id, correlationId, mode, stepKey }, value };
  });
}

/**
 * queued -> running, atomically against a cancel (which locks the row); null when the row is no longer queued (a
 * worker that died had started it: the caller makes a new row). Throws RunCancelledError for a cancelled run.
 */
async function takeOver(
  tx: DbTx,
  { queuedRunId, now, leaseExpiresAt }: { queuedRunId: string; now: Date; leaseExpiresAt: Date },
) {
  const taken = await tx.run.updateMany({
    where: { id: queuedRunId, status: "queued" },
    data: { status: "running", startedAt: now, leaseExpiresAt, operatorMessage: null },
  });
  const run = await tx.run.findUnique({ where: { id: queuedRunId } });
  if (run?.status === "cancelled") throw new RunCancelledError(queuedRunId);
  return taken.count === 1 ? run : null;
}

export async function extendLease(db: Db, run: RunHandle, leaseMs: number): Promise<void> {
  await db.run.update({ where: { id: run.id }, data: { leaseExpiresAt: new Date(Date.now() + leaseMs) } });
}

export interface RunOutcome {
  status: RunStatus;
  steps: Record<string, string>;
  errorCode?: string;
  operatorMessage?: string;
}

const unfinishedWords = (report: StepReport) => `"${report.title}" (${report.error ? "failed" : "needs input"})`;

/**
 * What a run reports when it ends, and each step's outcome: failed at a failure (a step's, or the run's own), else
 * "needs-input" when a step waits for the operator, else succeeded. The message is the first failure's (or the first
 * input asked for), naming the other steps that did not finish.
 */
export function runOutcome(reports: StepReport[], runFailure?: Failure): RunOutcome {
  const unfinished = reports.filter((report) => report.error || report.needsInput);
  const firstFailed = unfinished.find((report) => report.error);
  const failure = firstFailed?.error ?? runFailure;
  const headline = failure ? firstFailed : unfinished[0];
  const others = unfinished.filter((report) => report !== headline);
  const message = failure?.message ?? headline?.needsInput?.message;
  const also = others.length ? ` Also not finished: ${others.map(unfinishedWords).join(", ")}.` : "";
  const operatorMessage = message && `${message}${also}`;
  const outcomeOf = (r: StepReport) =>
    r.error
      ? "failed"
      : r.needsInput
        ? "needs-input"
        : (r.plan?.action ?? r.verification?.status ?? r.result ?? r.status);
  const steps = Object.fromEntries(reports.map((r) => [r.stepKey, outcomeOf(r)]));
  const status: RunStatus = failure ? "failed" : headline ? "needs-input" : "succeeded";
  return { status, steps, errorCode: failure?.code, operatorMessage };
}

/** A run an operator cancelled: it ends at a step boundary, before `next` (the step it would have started). */
export function cancelledOutcome(reports: StepReport[], { by, next }: { by: string; next?: string }): RunOutcome {
  const before = next ? ` before "${next}"` : "";
  return {
    status: "cancelled",
    steps: runOutcome(reports).steps,
    errorCode: "cancelled",
    operatorMessage: `Cancelled by ${by}${before}: the steps after it did not run. Run it again to carry on.`,
  };
}

/** The run's end: its status, time, error and summary, as a statement that returns a row when it wrote one. */
export function runFinishStatement({ run, outcome }: Pick<RunFinish, "run" | "outcome">, now: Date): Prisma.Sql {
  return Prisma.sql`
    UPDATE runs SET status = ${outcome.status}, finished_at = ${now.toISOString()}::timestamptz,
      error_code = ${outcome.errorCode ?? null}, operator_message = ${outcome.operatorMessage ?? null},
      summary = ${JSON.stringify({ steps: outcome.steps })}::jsonb
    WHERE id = ${run.id}::uuid RETURNING 1`;
}

/** The audit record of the run's end. */
export function runFinishEvent({ tenant, run, outcome }: RunFinish): AuditEventInput {
  return {
    action: "run.finish",
    outcome: outcome.status === "succeeded" ? "success" : "failure",
    target: tenantTarget(tenant),
    details: {
      runId: run.id,
      correlationId: run.correlationId,
      mode: run.mode,
      status: outcome.status,
      steps: outcome.steps,
      ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
    },
  };
}

/** Ends the run inside the caller's transaction; returns its audit record for the caller to append. */
export async function writeRunFinish(tx: DbTx, finish: RunFinish): Promise<AuditEventInput> {
  await tx.$queryRaw`${runFinishStatement(finish, new Date())}`;
  return runFinishEvent(finish);
}

export async function finishRun(db: Db, audit: AuditContext, finish: RunFinish): Promise<void> {
  await db.$transaction(async (tx) => recordAuditEvents(tx, audit, { events: [await writeRunFinish(tx, finish)] }));
}

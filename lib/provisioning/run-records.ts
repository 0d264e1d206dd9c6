import { randomUUID } from "node:crypto";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TenantView } from "./tenant-view";

export type RunMode = "plan" | "apply" | "verify";
export const DEFAULT_LEASE_MS = 10 * 60_000;

export interface RunHandle {
  id: string;
  correlationId: string;
  mode: RunMode;
  stepKey: string | null;
}

export const tenantTarget = (tenant: TenantView) => ({ type: "tenant" as const, id: tenant.id, label: tenant.label });

/**
 * Starts a run unless another run of the tenant holds an unexpired lease. The tenant row is locked while checking,
 * so two processes cannot both start; a run whose lease passed (its process died) is marked abandoned.
 */
export async function startRun(db: Db, audit: AuditContext, tenant: TenantView, mode: RunMode, stepKey: string | null, leaseMs: number): Promise<RunHandle> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenant.id}::uuid FOR UPDATE`;
    const now = new Date();
    const active = await tx.run.findFirst({ where: { tenantId: tenant.id, status: "running" }, orderBy: { startedAt: "desc" } });
    if (active && active.leaseExpiresAt > now) {
      throw new AppError(
        "conflict",
        `Another ${active.mode} run of ${tenant.label} is in progress (started ${active.startedAt.toISOString()} by ${active.requestedBy ?? "the system"}). Wait for it to finish, then try again.`,
      );
    }
    await tx.run.updateMany({ where: { tenantId: tenant.id, status: "running" }, data: { status: "abandoned", finishedAt: now, errorCode: "abandoned", operatorMessage: "The process running this stopped before it finished." } });
    const correlationId = randomUUID();
    const run = await tx.run.create({
      data: {
        tenantId: tenant.id,
        mode,
        stepKey,
        requestedById: audit.actor.id,
        requestedBy: audit.actor.email,
        correlationId,
        leaseExpiresAt: new Date(now.getTime() + leaseMs),
      },
    });
    await recordAuditEvent(tx, audit, { action: "run.start", outcome: "success", target: tenantTarget(tenant), details: { runId: run.id, correlationId, mode, step: stepKey } });
    return { id: run.id, correlationId, mode, stepKey };
  });
}

export async function extendLease(db: Db, run: RunHandle, leaseMs: number): Promise<void> {
  await db.run.update({ where: { id: run.id }, data: { leaseExpiresAt: new Date(Date.now() + leaseMs) } });
}

export async function finishRun(
  db: Db,
  audit: AuditContext,
  tenant: TenantView,
  run: RunHandle,
  outcome: { status: "succeeded" | "failed"; steps: Record<string, string>; errorCode?: string; operatorMessage?: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.run.update({
      where: { id: run.id },
      data: { status: outcome.status, finishedAt: new Date(), errorCode: outcome.errorCode ?? null, operatorMessage: outcome.operatorMessage ?? null, summary: { steps: outcome.steps } },
    });
    await recordAuditEvent(tx, audit, {
      action: "run.finish",
      outcome: outcome.status === "succeeded" ? "success" : "failure",
      target: tenantTarget(tenant),
      details: { runId: run.id, correlationId: run.correlationId, mode: run.mode, status: outcome.status, steps: outcome.steps, ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}) },
    });
  });
}

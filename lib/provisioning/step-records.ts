import { randomUUID } from "node:crypto";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { redact } from "@/lib/audit/redact";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CallRecord } from "@/lib/genesys-cloud";
import { Prisma } from "@/lib/generated/prisma/client";
import { sealSecret } from "@/lib/secrets/store";
import type { Failure } from "./failures";
import { tenantTarget, type RunHandle } from "./run-records";
import { tenantSecretRef } from "./secret-refs";
import type { StepApplyResult } from "./step";
import type { TenantView } from "./tenant-view";

export const apiCorrelationIds = (calls: CallRecord[]) => [...new Set(calls.flatMap((call) => (call.correlationId ? [call.correlationId] : [])))];

/** What was sent and received, without bodies; redacted again in case an operation name carries a value. */
export const evidenceOf = (calls: CallRecord[], extra: Record<string, unknown> = {}) =>
  redact({ calls: calls.map(({ operation, method, path, status, code, correlationId, attempts, durationMs }) => ({ operation, method, path, status, code, correlationId, attempts, durationMs })), ...extra }) as Prisma.InputJsonObject;

const stepWhere = (tenant: TenantView, stepKey: string) => ({ tenantId_stepKey: { tenantId: tenant.id, stepKey } });

/**
 * Creates the StepRun of an apply with its attempt number computed in the same statement: 1 plus the failed or
 * abandoned tries at this step since it last succeeded.
 */
async function createAppliedStepRun(tx: DbTx, tenant: TenantView, run: RunHandle, stepKey: string): Promise<string> {
  const id = randomUUID();
  await tx.$executeRaw`
    INSERT INTO step_runs (id, run_id, step_key, attempts)
    SELECT ${id}::uuid, ${run.id}::uuid, ${stepKey}, 1 + count(*)::int
    FROM step_runs tried JOIN runs ON runs.id = tried.run_id
    WHERE runs.tenant_id = ${tenant.id}::uuid AND runs.mode = 'apply' AND tried.step_key = ${stepKey} AND tried.status IN ('failed', 'running')
      AND tried.started_at > COALESCE(
        (SELECT max(succeeded.started_at) FROM step_runs succeeded JOIN runs applied ON applied.id = succeeded.run_id
         WHERE applied.tenant_id = ${tenant.id}::uuid AND applied.mode = 'apply' AND succeeded.step_key = ${stepKey} AND succeeded.status = 'succeeded'),
        '-infinity')`;
  return id;
}

/** Opens a step of an apply: its StepRun row, its state set to running, and the audit record, together. */
export async function beginAppliedStep(db: Db, audit: AuditContext, tenant: TenantView, run: RunHandle, stepKey: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const stepRunId = await createAppliedStepRun(tx, tenant, run, stepKey);
    await tx.stepState.upsert({ where: stepWhere(tenant, stepKey), create: { tenantId: tenant.id, stepKey, status: "running" }, update: { status: "running" } });
    await recordAuditEvent(tx, audit, { action: "step.start", outcome: "success", target: tenantTarget(tenant), details: { runId: run.id, correlationId: run.correlationId, step: stepKey } });
    return stepRunId;
  });
}

async function recordOrg(tx: DbTx, tenant: TenantView, org: NonNullable<StepApplyResult["org"]>): Promise<void> {
  const other = await tx.tenant.findFirst({ where: { orgId: org.id, id: { not: tenant.id } }, include: { deployment: { select: { name: true } } } });
  if (other) {
    throw new AppError("conflict", `Org ${org.shortName} (${org.id}) is already provisioned for tenant ${other.deployment.name}/${other.cfgTenantName}. Each tenant needs its own Genesys Cloud org: check the bootstrap client.`);
  }
  await tx.tenant.update({ where: { id: tenant.id }, data: { orgId: org.id, orgName: org.name, orgShortName: org.shortName } });
}

/**
 * Marks a step done in one transaction: seals the secrets the API returned once, stores the outputs, closes the
 * intents of the objects it owns, finishes the StepRun and writes the audit records.
 */
export async function completeStep(
  db: Db,
  audit: AuditContext,
  tenant: TenantView,
  run: RunHandle,
  step: { key: string; stepRunId: string; manual: boolean; calls: CallRecord[] },
  result: StepApplyResult,
  manualFields: string[] = [],
): Promise<void> {
  const secrets = Object.entries(result.secrets ?? {});
  const secretValues = secrets.map(([, value]) => value);
  const now = new Date();
  await db.$transaction(async (tx) => {
    if (result.org) await recordOrg(tx, tenant, result.org);
    if (result.certificateExpiresAt) await tx.tenant.update({ where: { id: tenant.id }, data: { certificateExpiresAt: result.certificateExpiresAt } });
    for (const [purpose, value] of secrets) await sealSecret(tx, tenantSecretRef(tenant.id, purpose), value);
    const outputs = result.outputs as Prisma.InputJsonObject;
    const state = { status: "done", outputs, lastAppliedAt: now, errorCode: null, verifyStatus: null, drift: Prisma.DbNull, plan: Prisma.DbNull, plannedAt: null, ...(step.manual ? { manual: true } : {}) };
    await tx.stepState.upsert({ where: stepWhere(tenant, step.key), create: { tenantId: tenant.id, stepKey: step.key, ...state }, update: state });
    for (const object of result.externalObjects ?? []) {
      await tx.externalIntent.updateMany({ where: { tenantId: tenant.id, kind: object.kind, marker: object.marker }, data: { status: "done", objectId: object.id, completedAt: now } });
    }
    const correlationIds = apiCorrelationIds(step.calls);
    await tx.stepRun.update({
      where: { id: step.stepRunId },
      data: { status: "succeeded", outcome: step.manual ? "manual" : result.result, finishedAt: now, correlationIds, evidence: evidenceOf(step.calls, { changes: result.changes }) },
    });
    const target = tenantTarget(tenant);
    const ref = { runId: run.id, correlationId: run.correlationId, step: step.key };
    if (step.manual) {
      await recordAuditEvent(tx, audit, { action: "step.manual_complete", outcome: "success", target, details: { step: step.key, fields: manualFields, sealedPurposes: secrets.map(([purpose]) => purpose) } }, secretValues);
    } else {
      await recordAuditEvent(tx, audit, { action: "step.succeed", outcome: "success", target, details: { ...ref, result: result.result, apiCorrelationIds: correlationIds, changes: result.changes } }, secretValues);
    }
    for (const regenerated of result.regenerated ?? []) {
      await recordAuditEvent(tx, audit, { action: "secret.regenerate", outcome: "success", target, details: { ...ref, ...regenerated } }, secretValues);
    }
  });
}

/** Records a failed step: the StepRun, the state and the audit record, together. */
export async function failStep(db: Db, audit: AuditContext, tenant: TenantView, run: RunHandle, step: { key: string; stepRunId: string; calls: CallRecord[] }, failure: Failure): Promise<void> {
  const correlationIds = apiCorrelationIds(step.calls);
  await db.$transaction(async (tx) => {
    await tx.stepRun.update({
      where: { id: step.stepRunId },
      data: { status: "failed", finishedAt: new Date(), errorCode: failure.code, operatorMessage: failure.message, correlationIds, evidence: evidenceOf(step.calls) },
    });
    await tx.stepState.upsert({ where: stepWhere(tenant, step.key), create: { tenantId: tenant.id, stepKey: step.key, status: "failed", errorCode: failure.code }, update: { status: "failed", errorCode: failure.code } });
    await recordAuditEvent(tx, audit, {
      action: "step.fail",
      outcome: "failure",
      target: tenantTarget(tenant),
      details: { runId: run.id, correlationId: run.correlationId, step: step.key, errorCode: failure.code, message: failure.message, apiCorrelationIds: correlationIds },
    });
  });
}

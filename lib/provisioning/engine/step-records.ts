import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "@/lib/audit/events";
import { recordAuditEvents, type AuditContext } from "@/lib/audit/record";
import { redact } from "@/lib/audit/redact";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CallRecord } from "@/lib/genesys-cloud";
import { Prisma } from "@/lib/generated/prisma/client";
import { sealSecrets } from "@/lib/secrets/store";
import type { Failure } from "./failures";
import type { NeededInput } from "../model/needs-input";
import { tenantTarget, writeRunFinish, type RunHandle, type RunOutcome } from "./run-records";
import { tenantSecretRef } from "../model/secret-refs";
import type { StepApplyResult } from "../model/step";
import { tenantLabel, type TenantView } from "../model/tenant-view";

export const apiCorrelationIds = (calls: CallRecord[]) => [
  ...new Set(calls.flatMap((call) => (call.correlationId ? [call.correlationId] : []))),
];

/** What was sent and received, without bodies; redacted again in case an operation name carries a value. */
export const evidenceOf = (calls: CallRecord[], extra: Record<string, unknown> = {}) =>
  redact({
    calls: calls.map(({ operation, method, path, status, code, correlationId, attempts, durationMs }) => ({
      operation,
      method,
      path,
      status,
      code,
      correlationId,
      attempts,
      durationMs,
    })),
    ...extra,
  }) as Prisma.InputJsonObject;

const stepWhere = (tenant: TenantView, stepKey: string) => ({ tenantId_stepKey: { tenantId: tenant.id, stepKey } });

/** Where the writers of one transition write: its transaction, the run and tenant, and the transition's time. */
type Writing = { tx: DbTx; tenant: TenantView; run: RunHandle; now: Date };

/**
 * Started: with one statement, its StepRun, with its attempt number (1 plus the tries at this step since it last
 * succeeded: failed, waiting for input, or abandoned), and its state set to running. Returns the StepRun and the audit
 * record.
 */
async function writeStart(
  { tx, tenant, run }: Writing,
  stepKey: string,
): Promise<{ stepRunId: string; event: AuditEventInput }> {
  const id = randomUUID();
  await tx.$executeRaw`
    WITH started AS (
      INSERT INTO step_runs (id, run_id, step_key, attempts)
      SELECT ${id}::uuid, ${run.id}::uuid, ${stepKey}, 1 + count(*)::int
      FROM step_runs tried JOIN runs ON runs.id = tried.run_id
      WHERE runs.tenant_id = ${tenant.id}::uuid AND runs.mode = 'apply' AND tried.step_key = ${stepKey}
        AND tried.status IN ('failed', 'needs-input', 'running')
        AND tried.started_at > COALESCE(
          (SELECT max(succeeded.started_at) FROM step_runs succeeded JOIN runs applied ON applied.id = succeeded.run_id
           WHERE applied.tenant_id = ${tenant.id}::uuid AND applied.mode = 'apply' AND succeeded.step_key = ${stepKey} AND succeeded.status = 'succeeded'),
          '-infinity')
      RETURNING id)
    INSERT INTO step_states (id, tenant_id, step_key, status, updated_at)
    SELECT ${randomUUID()}::uuid, ${tenant.id}::uuid, ${stepKey}, 'running', now() FROM started
    ON CONFLICT (tenant_id, step_key) DO UPDATE SET status = 'running', updated_at = now()`;
  return {
    stepRunId: id,
    event: {
      action: "step.start",
      outcome: "success",
      target: tenantTarget(tenant),
      details: { runId: run.id, correlationId: run.correlationId, step: stepKey },
    },
  };
}

async function recordOrg(tx: DbTx, tenant: TenantView, org: NonNullable<StepApplyResult["org"]>): Promise<void> {
  const other = await tx.tenant.findFirst({
    where: { orgId: org.id, id: { not: tenant.id } },
    include: { deployment: { select: { name: true } } },
  });
  if (other) {
    throw new AppError(
      "conflict",
      `Org ${org.shortName} (${org.id}) is already provisioned for tenant ${tenantLabel(other.deployment.name, other.cfgTenantName)}. Each tenant needs its own Genesys Cloud org: check the bootstrap client.`,
    );
  }
  await tx.tenant.update({
    where: { id: tenant.id },
    data: { orgId: org.id, orgName: org.name, orgShortName: org.shortName },
  });
}

export interface CompletedStep {
  key: string;
  stepRunId: string;
  manual: boolean;
  calls: CallRecord[];
  result: StepApplyResult;
  /** Manual completion: the fields the operator entered (names only). */
  manualFields?: string[];
}

export interface FailedStep {
  key: string;
  stepRunId: string;
  calls: CallRecord[];
  failure: Failure;
}

/** A step that waits for the operator's input: not a failure, and the steps that do not depend on it still run. */
export interface WaitingStep {
  key: string;
  stepRunId: string;
  calls: CallRecord[];
  needed: NeededInput;
}

/** A step the run passes over: it does not apply to the tenant, or it waits for a step that did not finish. */
export interface PassedStep {
  key: string;
  outcome: "skipped" | "not-run";
  /** Not run: why, naming the step it waits for. */
  reason?: string;
}

/**
 * What one transaction of an apply records, in this order: the step that just finished (done, failed or waiting for
 * input), the steps passed over after it, and the step that starts next. Finishing one step and starting the next
 * with nothing external in between, they commit together, with their audit records.
 */
export interface StepTransition {
  completed?: CompletedStep;
  failed?: FailedStep;
  waiting?: WaitingStep;
  passed?: PassedStep[];
  begin?: string;
  /** Also moves the run's lease on by this long. */
  extendLeaseMs?: number;
  /** Also ends the run: the transition after its last step. */
  finish?: RunOutcome;
}

/**
 * Done: seals the secrets the API returned once, stores the outputs, closes the intents of the objects the step
 * owns and finishes its StepRun. Returns its audit records.
 */
async function writeCompletion({ tx, tenant, run, now }: Writing, step: CompletedStep): Promise<AuditEventInput[]> {
  const { result } = step;
  const secrets = Object.entries(result.secrets ?? {});
  if (result.org) await recordOrg(tx, tenant, result.org);
  // Updating the tenant row first also waits for a key being prepared for it (prepared-key.ts locks the row).
  if (result.certificateExpiresAt)
    await tx.tenant.update({ where: { id: tenant.id }, data: { certificateExpiresAt: result.certificateExpiresAt } });
  await sealSecrets(
    tx,
    secrets.map(([purpose, value]) => ({ ref: tenantSecretRef(tenant.id, purpose), value })),
  );
  if (result.discardSecrets?.length)
    await tx.secret.deleteMany({
      where: { ownerType: "tenant", ownerId: tenant.id, purpose: { in: result.discardSecrets } },
    });
  for (const object of result.externalObjects ?? []) {
    await tx.externalIntent.updateMany({
      where: { tenantId: tenant.id, kind: object.kind, marker: object.marker },
      data: { status: "done", objectId: object.id, completedAt: now },
    });
  }
  const correlationIds = apiCorrelationIds(step.calls);
  const evidence = evidenceOf(step.calls, { changes: result.changes });
  // The StepRun finished and the state done (its plan, drift and error cleared), in one statement.
  await tx.$executeRaw`
    WITH finished AS (
      UPDATE step_runs SET status = 'succeeded', outcome = ${step.manual ? "manual" : result.result}, finished_at = ${now.toISOString()}::timestamptz,
        correlation_ids = ${JSON.stringify(correlationIds)}::jsonb, evidence = ${JSON.stringify(evidence)}::jsonb
      WHERE id = ${step.stepRunId}::uuid)
    INSERT INTO step_states (id, tenant_id, step_key, status, outputs, manual, last_applied_at, updated_at)
    VALUES (${randomUUID()}::uuid, ${tenant.id}::uuid, ${step.key}, 'done', ${JSON.stringify(result.outputs)}::jsonb, ${step.manual}::boolean, ${now.toISOString()}::timestamptz, now())
    ON CONFLICT (tenant_id, step_key) DO UPDATE SET status = 'done', outputs = EXCLUDED.outputs, manual = step_states.manual OR EXCLUDED.manual,
      last_applied_at = EXCLUDED.last_applied_at, error_code = NULL, verify_status = NULL, drift = NULL, plan = NULL, planned_at = NULL, updated_at = now()`;
  const target = tenantTarget(tenant);
  const ref = { runId: run.id, correlationId: run.correlationId, step: step.key };
  const events: AuditEventInput[] = [
    step.manual
      ? {
          action: "step.manual_complete",
          outcome: "success",
          target,
          details: {
            step: step.key,
            fields: step.manualFields ?? [],
            sealedPurposes: secrets.map(([purpose]) => purpose),
          },
        }
      : {
          action: "step.succeed",
          outcome: "success",
          target,
          details: { ...ref, result: result.result, apiCorrelationIds: correlationIds, changes: result.changes },
        },
  ];
  for (const regenerated of result.regenerated ?? [])
    events.push({ action: "secret.regenerate", outcome: "success", target, details: { ...ref, ...regenerated } });
  return events;
}

/** A step that ended without its result: its StepRun and its state, in two statements. Returns its correlation ids. */
async function writeStopped(
  { tx, tenant, now }: Writing,
  step: { key: string; stepRunId: string; calls: CallRecord[] },
  stop: { status: "failed" | "needs-input"; errorCode: string | null; message: string },
): Promise<string[]> {
  const correlationIds = apiCorrelationIds(step.calls);
  const { status, errorCode, message: operatorMessage } = stop;
  await tx.stepRun.update({
    where: { id: step.stepRunId },
    data: { status, finishedAt: now, errorCode, operatorMessage, correlationIds, evidence: evidenceOf(step.calls) },
  });
  const state = { status, errorCode };
  const create = { tenantId: tenant.id, stepKey: step.key, ...state };
  await tx.stepState.upsert({ where: stepWhere(tenant, step.key), create, update: state });
  return correlationIds;
}

/** Failed: the StepRun and the state. Returns its audit record. */
async function writeFailure(writing: Writing, step: FailedStep): Promise<AuditEventInput> {
  const { tenant, run } = writing;
  const { failure } = step;
  const stop = { status: "failed" as const, errorCode: failure.code, message: failure.message };
  const correlationIds = await writeStopped(writing, step, stop);
  return {
    action: "step.fail",
    outcome: "failure",
    target: tenantTarget(tenant),
    details: {
      runId: run.id,
      correlationId: run.correlationId,
      step: step.key,
      errorCode: failure.code,
      message: failure.message,
      apiCorrelationIds: correlationIds,
    },
  };
}

/** Waiting for input: the StepRun and the state (no error code: nothing failed). Returns its audit record. */
async function writeWaiting(writing: Writing, step: WaitingStep): Promise<AuditEventInput> {
  const { tenant, run } = writing;
  const { needed } = step;
  await writeStopped(writing, step, { status: "needs-input", errorCode: null, message: needed.message });
  const ref = { runId: run.id, correlationId: run.correlationId, step: step.key };
  return {
    action: "step.needs_input",
    outcome: "failure",
    target: tenantTarget(tenant),
    details: { ...ref, ...needed },
  };
}

/** Records a transition in one transaction; returns the StepRun of the step it began, if any. */
export async function recordStepTransition(
  db: Db,
  audit: AuditContext,
  { tenant, run, transition }: { tenant: TenantView; run: RunHandle; transition: StepTransition },
): Promise<string | undefined> {
  const secretValues = Object.values(transition.completed?.result.secrets ?? {});
  const now = new Date();
  return db.$transaction(async (tx) => {
    const writing: Writing = { tx, tenant, run, now };
    const events: AuditEventInput[] = [];
    if (transition.completed) events.push(...(await writeCompletion(writing, transition.completed)));
    if (transition.failed) events.push(await writeFailure(writing, transition.failed));
    if (transition.waiting) events.push(await writeWaiting(writing, transition.waiting));
    const passed = transition.passed ?? [];
    if (passed.length > 0) {
      const passedRun = (step: PassedStep) => ({
        ...{ runId: run.id, stepKey: step.key, status: "skipped", outcome: step.outcome },
        ...{ operatorMessage: step.reason ?? null, startedAt: now, finishedAt: now },
      });
      await tx.stepRun.createMany({ data: passed.map(passedRun) });
    }
    let stepRunId: string | undefined;
    if (transition.begin) {
      const started = await writeStart(writing, transition.begin);
      stepRunId = started.stepRunId;
      events.push(started.event);
    }
    if (transition.extendLeaseMs && !transition.finish)
      await tx.run.update({
        where: { id: run.id },
        data: { leaseExpiresAt: new Date(Date.now() + transition.extendLeaseMs) },
      });
    if (transition.finish) events.push(await writeRunFinish(tx, { tenant, run, outcome: transition.finish }));
    await recordAuditEvents(tx, audit, { events, knownSecrets: secretValues });
    return stepRunId;
  });
}

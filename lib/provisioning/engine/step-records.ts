import { randomUUID } from "node:crypto";
import type { AuditEventInput } from "@/lib/audit/events";
import { redact } from "@/lib/audit/redact";
import type { DbTx } from "@/lib/db/client";
import { sqlStateOf } from "@/lib/db/sql-state";
import { AppError } from "@/lib/errors";
import type { CallRecord } from "@/lib/genesys-cloud";
import { Prisma } from "@/lib/generated/prisma/client";
import { sealingStatement } from "@/lib/secrets/store";
import type { Failure } from "./failures";
import type { NeededInput } from "../model/needs-input";
import { tenantTarget, type RunHandle, type RunOutcome } from "./run-records";
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

/**
 * Where the writers of one transition write: its transaction (or the client, when the transition is one statement),
 * the run and tenant, and the transition's time.
 */
export type Writing = { tx: DbTx; tenant: TenantView; run: RunHandle; now: Date };

/** Common table expressions of the transition's one statement (data-modifying ones run whether read or not). */
export type Ctes = { name: string; body: Prisma.Sql }[];
/** A named common table expression; each returns a row per row it wrote, so the statement can count them. */
const cte = (name: string, body: Prisma.Sql) => ({ name, body });
/** The expression that writes on the tenant's row: it locks the row, so a transaction takes the row first. */
export const TENANT_RECORDS = "tenant_records";

/**
 * Started, unless an operator asked the run to stop (it then ends at this boundary): its StepRun, with its attempt
 * number (1 plus the tries at this step since it last succeeded: failed, waiting for input, or abandoned), and its
 * state set to running. The statement's `began` says whether it started.
 */
function startCtes({ tenant, run }: Writing, stepKey: string, stepRunId: string): Ctes {
  return [
    cte(
      "started",
      Prisma.sql`
      INSERT INTO step_runs (id, run_id, step_key, attempts)
      SELECT ${stepRunId}::uuid, ${run.id}::uuid, ${stepKey}, 1 + count(*)::int
      FROM step_runs tried JOIN runs ON runs.id = tried.run_id
      WHERE runs.tenant_id = ${tenant.id}::uuid AND runs.mode = 'apply' AND tried.step_key = ${stepKey}
        AND tried.status IN ('failed', 'needs-input', 'running')
        AND tried.started_at > COALESCE(
          (SELECT max(succeeded.started_at) FROM step_runs succeeded JOIN runs applied ON applied.id = succeeded.run_id
           WHERE applied.tenant_id = ${tenant.id}::uuid AND applied.mode = 'apply' AND succeeded.step_key = ${stepKey} AND succeeded.status = 'succeeded'),
          '-infinity')
      HAVING NOT EXISTS (SELECT 1 FROM runs asked WHERE asked.id = ${run.id}::uuid AND asked.cancel_requested_at IS NOT NULL)
      RETURNING id`,
    ),
    cte(
      "running_state",
      Prisma.sql`
      INSERT INTO step_states (id, tenant_id, step_key, status, updated_at)
      SELECT ${randomUUID()}::uuid, ${tenant.id}::uuid, ${stepKey}, 'running', now() FROM started
      ON CONFLICT (tenant_id, step_key) DO UPDATE SET status = 'running', updated_at = now() RETURNING 1`,
    ),
  ];
}

export const startEvent = ({ tenant, run }: Writing, stepKey: string): AuditEventInput => ({
  action: "step.start",
  outcome: "success",
  target: tenantTarget(tenant),
  details: { runId: run.id, correlationId: run.correlationId, step: stepKey },
});

/** The error of a completion whose org another tenant holds (SQLSTATE HPT01 of step_tenant_records). */
export const isOrgTaken = (error: unknown) => sqlStateOf(error) === "HPT01";

/** What an operator is told when the org a step connected is already another tenant's. */
export async function orgTakenError(
  db: DbTx,
  tenant: TenantView,
  org: NonNullable<StepApplyResult["org"]>,
): Promise<AppError> {
  const other = await db.tenant.findFirst({
    where: { orgId: org.id, id: { not: tenant.id } },
    include: { deployment: { select: { name: true } } },
  });
  const holder = other ? `tenant ${tenantLabel(other.deployment.name, other.cfgTenantName)}` : "another tenant";
  return new AppError(
    "conflict",
    `Org ${org.shortName} (${org.id}) is already provisioned for ${holder}. Each tenant needs its own Genesys Cloud org: check the bootstrap client.`,
  );
}

/**
 * What a completed step writes on the tenant's row and secrets (the org, the certificate's expiry, secrets it
 * discards), as one call of step_tenant_records (migration step_tenant_records); none when it has nothing there.
 */
function tenantRecordsCte(tenant: TenantView, result: StepApplyResult) {
  const { org, certificateExpiresAt, discardSecrets = [] } = result;
  if (!org && !certificateExpiresAt && discardSecrets.length === 0) return undefined;
  return cte(
    TENANT_RECORDS,
    Prisma.sql`
    SELECT step_tenant_records(${tenant.id}::uuid, ${org?.id ?? null}::text, ${org?.name ?? null}::text,
      ${org?.shortName ?? null}::text, ${certificateExpiresAt?.toISOString() ?? null}::timestamptz,
      ${discardSecrets}::text[]) AS written`,
  );
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
  /** With `begin`: how the run ends instead when an operator has asked it to stop (by whom). */
  cancelled?: (by: string) => RunOutcome;
  /** Also moves the run's lease on by this long. */
  extendLeaseMs?: number;
  /** Also ends the run: the transition after its last step. */
  finish?: RunOutcome;
}

/**
 * Done: adds to `ctes` the sealing of the secrets the API returned once, the tenant's records (org, certificate,
 * discarded secrets), the closing of the intents of the objects the step owns, its StepRun's end and its stored
 * outputs. Returns its audit records.
 */
async function writeCompletion(
  { tx, tenant, run, now }: Writing,
  step: CompletedStep,
  ctes: Ctes,
): Promise<AuditEventInput[]> {
  const { result } = step;
  const secrets = Object.entries(result.secrets ?? {});
  const sealing = secrets.map(([purpose, value]) => ({ ref: tenantSecretRef(tenant.id, purpose), value }));
  if (sealing.length > 0) ctes.push(cte("sealed", Prisma.sql`${await sealingStatement(tx, sealing)} RETURNING 1`));
  const tenantRecords = tenantRecordsCte(tenant, result);
  if (tenantRecords) ctes.push(tenantRecords);
  const correlationIds = apiCorrelationIds(step.calls);
  const evidence = evidenceOf(step.calls, { changes: result.changes });
  // The intents of the objects it made closed, the StepRun finished and the state done (plan, drift, error cleared).
  ctes.push(
    ...(result.externalObjects ?? []).map((object, index) =>
      cte(
        `intent_${index}`,
        Prisma.sql`
        UPDATE external_intents SET status = 'done', object_id = ${object.id}, completed_at = ${now.toISOString()}::timestamptz
        WHERE tenant_id = ${tenant.id}::uuid AND kind = ${object.kind} AND marker = ${object.marker} RETURNING 1`,
      ),
    ),
    cte(
      "finished",
      Prisma.sql`
      UPDATE step_runs SET status = 'succeeded', outcome = ${step.manual ? "manual" : result.result}, finished_at = ${now.toISOString()}::timestamptz,
        correlation_ids = ${JSON.stringify(correlationIds)}::jsonb, evidence = ${JSON.stringify(evidence)}::jsonb
      WHERE id = ${step.stepRunId}::uuid RETURNING 1`,
    ),
    cte(
      "done_state",
      Prisma.sql`
      INSERT INTO step_states (id, tenant_id, step_key, status, outputs, manual, last_applied_at, updated_at)
      VALUES (${randomUUID()}::uuid, ${tenant.id}::uuid, ${step.key}, 'done', ${JSON.stringify(result.outputs)}::jsonb, ${step.manual}::boolean, ${now.toISOString()}::timestamptz, now())
      ON CONFLICT (tenant_id, step_key) DO UPDATE SET status = 'done', outputs = EXCLUDED.outputs, manual = step_states.manual OR EXCLUDED.manual,
        last_applied_at = EXCLUDED.last_applied_at, error_code = NULL, verify_status = NULL, drift = NULL, plan = NULL, planned_at = NULL, updated_at = now()
      RETURNING 1`,
    ),
  );
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

/** A step that ended without its result: its StepRun and its state, added to `ctes`. Returns its correlation ids. */
function stoppedCtes(
  { tenant, now }: Writing,
  {
    step,
    stop,
  }: {
    step: { key: string; stepRunId: string; calls: CallRecord[] };
    stop: { status: "failed" | "needs-input"; errorCode: string | null; message: string };
  },
  ctes: Ctes,
): string[] {
  const correlationIds = apiCorrelationIds(step.calls);
  const { status, errorCode, message } = stop;
  ctes.push(
    cte(
      "stopped",
      Prisma.sql`
      UPDATE step_runs SET status = ${status}, finished_at = ${now.toISOString()}::timestamptz, error_code = ${errorCode},
        operator_message = ${message}, correlation_ids = ${JSON.stringify(correlationIds)}::jsonb,
        evidence = ${JSON.stringify(evidenceOf(step.calls))}::jsonb
      WHERE id = ${step.stepRunId}::uuid RETURNING 1`,
    ),
    cte(
      "stopped_state",
      Prisma.sql`
      INSERT INTO step_states (id, tenant_id, step_key, status, error_code, updated_at)
      VALUES (${randomUUID()}::uuid, ${tenant.id}::uuid, ${step.key}, ${status}, ${errorCode}, now())
      ON CONFLICT (tenant_id, step_key) DO UPDATE SET status = EXCLUDED.status, error_code = EXCLUDED.error_code, updated_at = now()
      RETURNING 1`,
    ),
  );
  return correlationIds;
}

/** Failed: the StepRun and the state, added to `ctes`. Returns its audit record. */
function writeFailure(writing: Writing, step: FailedStep, ctes: Ctes): AuditEventInput {
  const { tenant, run } = writing;
  const { failure } = step;
  const stop = { status: "failed" as const, errorCode: failure.code, message: failure.message };
  const correlationIds = stoppedCtes(writing, { step, stop }, ctes);
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

/** Waiting for input: the StepRun and the state (no error code: nothing failed), added to `ctes`. Returns its record. */
function writeWaiting(writing: Writing, step: WaitingStep, ctes: Ctes): AuditEventInput {
  const { tenant, run } = writing;
  const { needed } = step;
  const stop = { status: "needs-input" as const, errorCode: null, message: needed.message };
  stoppedCtes(writing, { step, stop }, ctes);
  const ref = { runId: run.id, correlationId: run.correlationId, step: step.key };
  return {
    action: "step.needs_input",
    outcome: "failure",
    target: tenantTarget(tenant),
    details: { ...ref, ...needed },
  };
}

/** Steps passed over: their StepRuns, ended at once, added to `ctes`. */
function passedCtes({ run, now }: Writing, passed: PassedStep[], ctes: Ctes): void {
  if (passed.length === 0) return;
  const at = now.toISOString();
  const rows = passed.map(
    (step) =>
      Prisma.sql`(${randomUUID()}::uuid, ${run.id}::uuid, ${step.key}, 'skipped', ${step.outcome}, ${step.reason ?? null}, ${at}::timestamptz, ${at}::timestamptz)`,
  );
  ctes.push(
    cte(
      "passed",
      Prisma.sql`
    INSERT INTO step_runs (id, run_id, step_key, status, outcome, operator_message, started_at, finished_at)
    VALUES ${Prisma.join(rows)} RETURNING 1`,
    ),
  );
}

/**
 * The transition's records as common table expressions of one statement (step end, steps passed over, lease, next
 * step's start) and their audit records; what a completed step writes outside that statement is written first.
 */
export async function transitionParts(writing: Writing, transition: StepTransition) {
  const events: AuditEventInput[] = [];
  const ctes: Ctes = [];
  if (transition.completed) events.push(...(await writeCompletion(writing, transition.completed, ctes)));
  if (transition.failed) events.push(writeFailure(writing, transition.failed, ctes));
  if (transition.waiting) events.push(writeWaiting(writing, transition.waiting, ctes));
  passedCtes(writing, transition.passed ?? [], ctes);
  const stepRunId = transition.begin ? randomUUID() : undefined;
  if (transition.begin) ctes.push(...startCtes(writing, transition.begin, stepRunId!));
  if (transition.extendLeaseMs && !transition.finish) {
    const leaseExpiresAt = new Date(Date.now() + transition.extendLeaseMs).toISOString();
    ctes.push(
      cte(
        "lease",
        Prisma.sql`UPDATE runs SET lease_expires_at = ${leaseExpiresAt}::timestamptz WHERE id = ${writing.run.id}::uuid RETURNING 1`,
      ),
    );
  }
  return { events, ctes, stepRunId };
}

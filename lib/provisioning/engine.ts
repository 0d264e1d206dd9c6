import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { openSecret } from "@/lib/secrets/store";
import { appliesTo, catalogue, findStep, unmetDependencies, type AnyStep } from "./catalogue";
import { openConnections, type ConnectionOptions, type Connections } from "./connections";
import { describeFailure, type Failure } from "./failures";
import { parseInput } from "./parse-input";
import { DEFAULT_LEASE_MS, extendLease, finishRun, startRun, type RunHandle, type RunMode } from "./run-records";
import { tenantSecretRef } from "./secret-refs";
import type { PreviousState, StepApplyResult, StepContext, StepOutputs, StepPlan, StepVerification } from "./step";
import { beginAppliedStep, completeStep, evidenceOf, failStep } from "./step-records";
import { readStepStates } from "./step-states";
import { loadTenantView, type TenantView } from "./tenant-view";

export interface EngineHooks {
  /** Called after an external create answered and before its result is stored: tests simulate a crash here. */
  afterExternalCreate?(event: { tenantId: string; stepKey: string; kind: string; marker: string; objectId: string }): void | Promise<void>;
}

export interface EngineOptions extends ConnectionOptions {
  db: Db;
  /** Who asked; copied onto every audit record of the run. */
  audit: AuditContext;
  hooks?: EngineHooks;
  /** How long a run may go without progress before another run of the tenant may take over. */
  leaseMs?: number;
}

export interface StepReport {
  stepKey: string;
  title: string;
  status: "succeeded" | "failed" | "skipped" | "not-run";
  plan?: StepPlan;
  result?: StepApplyResult["result"];
  changes?: string[];
  verification?: StepVerification;
  error?: Failure;
}

export interface RunReport {
  runId: string;
  correlationId: string;
  mode: RunMode;
  status: "succeeded" | "failed";
  steps: StepReport[];
}

interface StepSetting {
  tenant: TenantView;
  run: RunHandle;
  connections: Connections;
  options: EngineOptions;
}


function stepsFor(stepKey: string | undefined): AnyStep[] {
  if (stepKey === undefined) return [...catalogue];
  const step = findStep(stepKey);
  if (!step) throw new AppError("not_found", `There is no step "${stepKey}". Steps: ${catalogue.map((s) => s.key).join(", ")}.`);
  return [step];
}

/** The step's input (from settings and the outputs of done steps), its previous state, and dependencies not done yet. */
async function prepareStep(setting: StepSetting, step: AnyStep) {
  const { tenant, options } = setting;
  const { done, previousOf } = await readStepStates(options.db, tenant.id);
  const waitingFor = unmetDependencies(step, tenant, done).map((dependency) => dependency.key);
  const rawInput = step.inputFrom({ tenant, outputs: done });
  return { previous: previousOf(step.key), waitingFor, rawInput, ready: step.input.safeParse(rawInput).success };
}

function contextFor(setting: StepSetting, step: AnyStep, input: unknown, previous: PreviousState | null): StepContext<unknown> {
  const { tenant, run, connections, options } = setting;
  return {
    input,
    tenant,
    previous,
    genesys: connections.genesys,
    genesysAs: connections.genesysAs,
    bridge: connections.bridge,
    secret: (purpose) => openSecret(options.db, tenantSecretRef(tenant.id, purpose)),
    async peerStates() {
      const states = await options.db.stepState.findMany({
        where: { stepKey: step.key, status: "done", tenant: { deploymentId: tenant.deployment.id, id: { not: tenant.id } } },
        select: { outputs: true, tenant: { select: { cfgTenantName: true } } },
      });
      return states.map((state) => ({ tenantName: state.tenant.cfgTenantName, outputs: state.outputs as StepOutputs }));
    },
    async beforeCreate(kind, marker) {
      await options.db.externalIntent.upsert({
        where: { tenantId_kind_marker: { tenantId: tenant.id, kind, marker } },
        create: { tenantId: tenant.id, stepKey: step.key, kind, marker, runId: run.id },
        update: { status: "pending", runId: run.id, attempts: { increment: 1 } },
      });
    },
    async afterCreate(kind, marker, objectId) {
      await options.hooks?.afterExternalCreate?.({ tenantId: tenant.id, stepKey: step.key, kind, marker, objectId });
    },
  };
}

async function applyStep(setting: StepSetting, step: AnyStep): Promise<StepReport> {
  const { tenant, run, connections, options } = setting;
  const report = { stepKey: step.key, title: step.title };
  const { previous, waitingFor, rawInput } = await prepareStep(setting, step);
  const stepRunId = await beginAppliedStep(options.db, options.audit, tenant, run, step.key);
  const firstCall = connections.calls.length;
  const record = () => ({ key: step.key, stepRunId, manual: false, calls: connections.calls.slice(firstCall) });
  try {
    if (waitingFor.length > 0) throw new AppError("precondition_failed", `Apply ${waitingFor.join(", ")} first: "${step.title}" needs their results.`);
    const parsed = parseInput(step.input, rawInput, `input of "${step.title}"`);
    const result = await step.apply(contextFor(setting, step, parsed, previous));
    await completeStep(options.db, options.audit, tenant, run, record(), result);
    return { ...report, status: "succeeded", result: result.result, changes: result.changes };
  } catch (error) {
    const failure = describeFailure(error, step.title, run.correlationId);
    await failStep(options.db, options.audit, tenant, run, record(), failure);
    return { ...report, status: "failed", error: failure };
  }
}

/** Plan and verify only read; their StepRun rows keep the evidence, and verify records what it found on the step state. */
async function readStep(setting: StepSetting, step: AnyStep, mode: "plan" | "verify"): Promise<StepReport> {
  const { run, connections, options } = setting;
  const report = { stepKey: step.key, title: step.title };
  const { previous, waitingFor, rawInput, ready } = await prepareStep(setting, step);
  const stepRun = await options.db.stepRun.create({ data: { runId: run.id, stepKey: step.key } });
  const firstCall = connections.calls.length;
  const finish = (data: Prisma.StepRunUpdateInput) =>
    options.db.stepRun.update({ where: { id: stepRun.id }, data: { finishedAt: new Date(), evidence: evidenceOf(connections.calls.slice(firstCall)), ...data } });
  try {
    if (!ready && waitingFor.length > 0) {
      const outcome: StepReport = mode === "plan" ? { ...report, status: "succeeded", plan: { action: "pending", changes: [], waitingFor } } : { ...report, status: "succeeded", verification: { status: "missing", differences: waitingFor.map((key) => ({ field: key, expected: "done", actual: "not applied" })) } };
      await finish({ status: "succeeded", outcome: outcome.plan?.action ?? outcome.verification?.status });
      if (mode === "verify") await recordVerification(setting, step.key, outcome.verification!);
      else await recordPlan(setting, step.key, outcome.plan!);
      return outcome;
    }
    const ctx = contextFor(setting, step, parseInput(step.input, rawInput, `input of "${step.title}"`), previous);
    if (mode === "plan") {
      const plan = await step.plan(ctx);
      await finish({ status: "succeeded", outcome: plan.action });
      await recordPlan(setting, step.key, plan);
      return { ...report, status: "succeeded", plan };
    }
    const verification = await step.verify(ctx);
    await finish({ status: "succeeded", outcome: verification.status });
    await recordVerification(setting, step.key, verification, previous);
    return { ...report, status: "succeeded", verification };
  } catch (error) {
    const failure = describeFailure(error, step.title, run.correlationId);
    await finish({ status: "failed", errorCode: failure.code, operatorMessage: failure.message });
    return { ...report, status: "failed", error: failure };
  }
}

async function recordVerification(setting: StepSetting, stepKey: string, verification: StepVerification, previous: PreviousState | null = null): Promise<void> {
  const { tenant, options } = setting;
  const observed = verification.observed && previous?.status === "done" ? { outputs: { ...previous.outputs, ...verification.observed } as Prisma.InputJsonObject } : {};
  const data = { verifyStatus: verification.status, drift: verification.differences as unknown as Prisma.InputJsonArray, lastVerifiedAt: new Date(), ...observed };
  await options.db.stepState.upsert({ where: { tenantId_stepKey: { tenantId: tenant.id, stepKey } }, create: { tenantId: tenant.id, stepKey, ...data }, update: data });
}

async function recordPlan(setting: StepSetting, stepKey: string, plan: StepPlan): Promise<void> {
  const { tenant, options } = setting;
  const data = { plan: plan as unknown as Prisma.InputJsonObject, plannedAt: new Date() };
  await options.db.stepState.upsert({ where: { tenantId_stepKey: { tenantId: tenant.id, stepKey } }, create: { tenantId: tenant.id, stepKey, ...data }, update: data });
}

async function skipStep(setting: StepSetting, step: AnyStep, status: "skipped" | "not-run"): Promise<StepReport> {
  await setting.options.db.stepRun.create({ data: { runId: setting.run.id, stepKey: step.key, status: "skipped", outcome: status, finishedAt: new Date() } });
  return { stepKey: step.key, title: step.title, status };
}

/** Runs plan, apply or verify for one tenant, or for one step of it. Apply stops at the first failed step. */
export async function runTenant(request: { tenantId: string; mode: RunMode; stepKey?: string }, options: EngineOptions): Promise<RunReport> {
  const { db, audit } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const tenant = await loadTenantView(db, request.tenantId);
  const steps = stepsFor(request.stepKey);
  const run = await startRun(db, audit, tenant, request.mode, request.stepKey ?? null, leaseMs);
  const connections = openConnections(db, tenant, options);
  const setting: StepSetting = { tenant, run, connections, options };
  const reports: StepReport[] = [];
  let firstFailure: Failure | undefined;
  try {
    await connections.prepare();
    for (const step of steps) {
      let report: StepReport;
      if (!appliesTo(step, tenant)) report = await skipStep(setting, step, "skipped");
      else if (firstFailure && request.mode === "apply") report = await skipStep(setting, step, "not-run");
      else report = request.mode === "apply" ? await applyStep(setting, step) : await readStep(setting, step, request.mode);
      reports.push(report);
      firstFailure ??= report.error;
      await extendLease(db, run, leaseMs);
    }
  } catch (error) {
    firstFailure ??= describeFailure(error, "The run", run.correlationId);
  } finally {
    await connections.close();
  }
  const status = firstFailure ? "failed" : "succeeded";
  const summary = Object.fromEntries(reports.map((r) => [r.stepKey, r.error ? "failed" : (r.plan?.action ?? r.verification?.status ?? r.result ?? r.status)]));
  await finishRun(db, audit, tenant, run, { status, steps: summary, errorCode: firstFailure?.code, operatorMessage: firstFailure?.message });
  return { runId: run.id, correlationId: run.correlationId, mode: request.mode, status, steps: reports };
}

export const planTenant = (tenantId: string, options: EngineOptions) => runTenant({ tenantId, mode: "plan" }, options);
export const applyTenant = (tenantId: string, options: EngineOptions, stepKey?: string) => runTenant({ tenantId, mode: "apply", stepKey }, options);
export const verifyTenant = (tenantId: string, options: EngineOptions, stepKey?: string) => runTenant({ tenantId, mode: "verify", stepKey }, options);

/** Manual completion: the operator did the step elsewhere and enters its values; they are checked, stored and sealed. */
export async function completeStepManually(tenantId: string, stepKey: string, values: unknown, options: EngineOptions): Promise<RunReport> {
  const { db, audit } = options;
  const step = stepsFor(stepKey)[0]!;
  if (!step.manual) throw new AppError("invalid_input", `"${step.title}" cannot be completed by hand.`);
  const parsedValues = parseInput(step.manual.schema, values, `values for "${step.title}"`);
  const tenant = await loadTenantView(db, tenantId);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const run = await startRun(db, audit, tenant, "apply", step.key, leaseMs);
  const connections = openConnections(db, tenant, options);
  const setting: StepSetting = { tenant, run, connections, options };
  const stepRun = await db.stepRun.create({ data: { runId: run.id, stepKey: step.key } });
  const record = { key: step.key, stepRunId: stepRun.id, manual: true, calls: connections.calls };
  let report: StepReport;
  try {
    await connections.prepare();
    const { previous } = await prepareStep(setting, step);
    const result = await step.manual.complete(contextFor(setting, step, undefined, previous), parsedValues);
    await completeStep(db, audit, tenant, run, record, result, Object.keys(parsedValues as object));
    report = { stepKey: step.key, title: step.title, status: "succeeded", result: result.result, changes: result.changes };
  } catch (error) {
    const failure = describeFailure(error, step.title, run.correlationId);
    await failStep(db, audit, tenant, run, record, failure);
    report = { stepKey: step.key, title: step.title, status: "failed", error: failure };
  } finally {
    await connections.close();
  }
  const status = report.error ? "failed" : "succeeded";
  await finishRun(db, audit, tenant, run, { status, steps: { [step.key]: report.error ? "failed" : "manual" }, errorCode: report.error?.code, operatorMessage: report.error?.message });
  return { runId: run.id, correlationId: run.correlationId, mode: "apply", status, steps: [report] };
}

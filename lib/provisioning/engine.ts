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
import { evidenceOf, recordStepTransition, type CompletedStep, type PassedStep, type StepTransition } from "./step-records";
import { readStepStates, type StepStates } from "./step-states";
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
  /** Read when the run starts; the run holds the tenant's lease, so only it changes them, and it notes each change. */
  states: StepStates;
  /** Secrets opened during the run, by purpose, and those it sealed. */
  secrets: Map<string, Promise<string | undefined>>;
  lease: LeaseKeeper;
}

/** Says when the run's lease is due to be moved on: after a tenth of it has passed, so a slow step cannot lose it. */
class LeaseKeeper {
  private extendedAt = Date.now();
  constructor(readonly leaseMs: number) {}

  /** The lease to set now, or undefined when the last one is still fresh enough. */
  due(): number | undefined {
    if (Date.now() - this.extendedAt < this.leaseMs / 10) return undefined;
    this.extendedAt = Date.now();
    return this.leaseMs;
  }
}


function stepsFor(stepKey: string | undefined): AnyStep[] {
  if (stepKey === undefined) return [...catalogue];
  const step = findStep(stepKey);
  if (!step) throw new AppError("not_found", `There is no step "${stepKey}". Steps: ${catalogue.map((s) => s.key).join(", ")}.`);
  return [step];
}

/** The step's input (from settings and the outputs of done steps), its previous state, and dependencies not done yet. */
function prepareStep(setting: StepSetting, step: AnyStep) {
  const { tenant } = setting;
  const { done, previousOf } = setting.states;
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
    secret(purpose) {
      let opened = setting.secrets.get(purpose);
      if (!opened) {
        opened = openSecret(options.db, tenantSecretRef(tenant.id, purpose));
        setting.secrets.set(purpose, opened);
        // A failed open is not kept: the next caller tries again.
        opened.catch(() => setting.secrets.delete(purpose));
      }
      return opened;
    },
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

const passedOver = (step: AnyStep, tenant: TenantView, outcome: PassedStep["outcome"]): PassedStep => ({ key: step.key, outcome: appliesTo(step, tenant) ? outcome : "skipped" });
const passedReport = (step: AnyStep, passed: PassedStep): StepReport => ({ stepKey: step.key, title: step.title, status: passed.outcome });

/** Notes what a committed transition changed in the run's view of the step states and sealed secrets. */
function noteTransition(setting: StepSetting, transition: StepTransition) {
  const { states, secrets } = setting;
  const { completed, failed } = transition;
  if (completed) {
    states.note(completed.key, { status: "done", outputs: completed.result.outputs, manual: completed.manual || (states.previousOf(completed.key)?.manual ?? false) });
    for (const purpose of completed.result.discardSecrets ?? []) secrets.delete(purpose);
    for (const [purpose, value] of Object.entries(completed.result.secrets ?? {})) secrets.set(purpose, Promise.resolve(value));
  }
  if (failed) {
    const previous = states.previousOf(failed.key);
    states.note(failed.key, { status: "failed", outputs: previous?.outputs ?? {}, manual: previous?.manual ?? false });
  }
}

async function commitTransition(setting: StepSetting, transition: StepTransition): Promise<string | undefined> {
  const { tenant, run, options, lease } = setting;
  const stepRunId = await recordStepTransition(options.db, options.audit, tenant, run, { ...transition, extendLeaseMs: lease.due() });
  noteTransition(setting, transition);
  return stepRunId;
}

/**
 * Apply: each step's end (done or failed) commits with the steps passed over after it and the start of the next
 * step, in one transaction. Stops at the first failed step; the steps after it are recorded as not run.
 */
async function applySteps(setting: StepSetting, steps: AnyStep[]): Promise<StepReport[]> {
  const { tenant, run, connections } = setting;
  const reports: StepReport[] = [];
  /** The steps from `from` on that do not apply, and the first one that does. */
  const upTo = (from: number) => {
    let index = from;
    while (index < steps.length && !appliesTo(steps[index]!, tenant)) index += 1;
    return { passed: steps.slice(from, index).map((step) => passedOver(step, tenant, "skipped")), index };
  };
  const failAt = async (index: number, failed: StepTransition["failed"] & object, report: StepReport) => {
    const rest = steps.slice(index + 1);
    const passed = rest.map((step) => passedOver(step, tenant, "not-run"));
    await commitTransition(setting, { failed, passed });
    reports.push(report, ...rest.map((step, n) => passedReport(step, passed[n]!)));
  };

  const first = upTo(0);
  let index = first.index;
  let stepRunId = await commitTransition(setting, { passed: first.passed, begin: steps[index]?.key });
  reports.push(...steps.slice(0, index).map((step, n) => passedReport(step, first.passed[n]!)));
  while (index < steps.length) {
    const step = steps[index]!;
    const report = { stepKey: step.key, title: step.title };
    const firstCall = connections.calls.length;
    const calls = () => connections.calls.slice(firstCall);
    let completed: CompletedStep;
    try {
      const { previous, waitingFor, rawInput } = prepareStep(setting, step);
      if (waitingFor.length > 0) throw new AppError("precondition_failed", `Apply ${waitingFor.join(", ")} first: "${step.title}" needs their results.`);
      const parsed = parseInput(step.input, rawInput, `input of "${step.title}"`);
      const result = await step.apply(contextFor(setting, step, parsed, previous));
      completed = { key: step.key, stepRunId: stepRunId!, manual: false, calls: calls(), result };
    } catch (error) {
      const failure = describeFailure(error, step.title, run.correlationId);
      await failAt(index, { key: step.key, stepRunId: stepRunId!, calls: calls(), failure }, { ...report, status: "failed", error: failure });
      return reports;
    }
    const next = upTo(index + 1);
    try {
      stepRunId = await commitTransition(setting, { completed, passed: next.passed, begin: steps[next.index]?.key });
    } catch (error) {
      // Storing the result failed (e.g. the org belongs to another tenant): the step failed, nothing else started.
      const failure = describeFailure(error, step.title, run.correlationId);
      await failAt(index, { key: step.key, stepRunId: completed.stepRunId, calls: completed.calls, failure }, { ...report, status: "failed", error: failure });
      return reports;
    }
    reports.push({ ...report, status: "succeeded", result: completed.result.result, changes: completed.result.changes });
    reports.push(...steps.slice(index + 1, next.index).map((passedStep, n) => passedReport(passedStep, next.passed[n]!)));
    index = next.index;
  }
  return reports;
}

/** Plan and verify only read; their StepRun rows keep the evidence, and verify records what it found on the step state. */
async function readStep(setting: StepSetting, step: AnyStep, mode: "plan" | "verify"): Promise<StepReport> {
  const { run, connections, options } = setting;
  const report = { stepKey: step.key, title: step.title };
  const { previous, waitingFor, rawInput, ready } = prepareStep(setting, step);
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
  const outputs = verification.observed && previous?.status === "done" ? { ...previous.outputs, ...verification.observed } : undefined;
  const data = { verifyStatus: verification.status, drift: verification.differences as unknown as Prisma.InputJsonArray, lastVerifiedAt: new Date(), ...(outputs ? { outputs: outputs as Prisma.InputJsonObject } : {}) };
  await options.db.stepState.upsert({ where: { tenantId_stepKey: { tenantId: tenant.id, stepKey } }, create: { tenantId: tenant.id, stepKey, ...data }, update: data });
  if (outputs) setting.states.note(stepKey, { ...previous!, outputs });
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

async function openSetting(tenant: TenantView, run: RunHandle, options: EngineOptions, leaseMs: number): Promise<StepSetting> {
  const states = await readStepStates(options.db, tenant.id);
  return { tenant, run, connections: openConnections(options.db, tenant, options), options, states, secrets: new Map(), lease: new LeaseKeeper(leaseMs) };
}

/** Plan or verify: every step that applies is read, whatever the others found. */
async function readSteps(setting: StepSetting, steps: AnyStep[], mode: "plan" | "verify"): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (const step of steps) {
    reports.push(appliesTo(step, setting.tenant) ? await readStep(setting, step, mode) : await skipStep(setting, step, "skipped"));
    const leaseMs = setting.lease.due();
    if (leaseMs) await extendLease(setting.options.db, setting.run, leaseMs);
  }
  return reports;
}

/** Runs plan, apply or verify for one tenant, or for one step of it. Apply stops at the first failed step. */
export async function runTenant(request: { tenantId: string; mode: RunMode; stepKey?: string }, options: EngineOptions): Promise<RunReport> {
  const { db, audit } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const tenant = await loadTenantView(db, request.tenantId);
  const steps = stepsFor(request.stepKey);
  const run = await startRun(db, audit, tenant, request.mode, request.stepKey ?? null, leaseMs);
  const reports: StepReport[] = [];
  let firstFailure: Failure | undefined;
  let setting: StepSetting | undefined;
  try {
    setting = await openSetting(tenant, run, options, leaseMs);
    await setting.connections.prepare();
    reports.push(...(request.mode === "apply" ? await applySteps(setting, steps) : await readSteps(setting, steps, request.mode)));
    firstFailure = reports.find((report) => report.error)?.error;
  } catch (error) {
    firstFailure ??= describeFailure(error, "The run", run.correlationId);
  } finally {
    await setting?.connections.close();
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
  const setting = await openSetting(tenant, run, options, leaseMs);
  const { connections } = setting;
  const stepRun = await db.stepRun.create({ data: { runId: run.id, stepKey: step.key } });
  const record = { key: step.key, stepRunId: stepRun.id, calls: connections.calls };
  let report: StepReport;
  try {
    await connections.prepare();
    const { previous } = prepareStep(setting, step);
    const result = await step.manual.complete(contextFor(setting, step, undefined, previous), parsedValues);
    await commitTransition(setting, { completed: { ...record, manual: true, result, manualFields: Object.keys(parsedValues as object) } });
    report = { stepKey: step.key, title: step.title, status: "succeeded", result: result.result, changes: result.changes };
  } catch (error) {
    const failure = describeFailure(error, step.title, run.correlationId);
    await commitTransition(setting, { failed: { ...record, failure } });
    report = { stepKey: step.key, title: step.title, status: "failed", error: failure };
  } finally {
    await connections.close();
  }
  const status = report.error ? "failed" : "succeeded";
  await finishRun(db, audit, tenant, run, { status, steps: { [step.key]: report.error ? "failed" : "manual" }, errorCode: report.error?.code, operatorMessage: report.error?.message });
  return { runId: run.id, correlationId: run.correlationId, mode: "apply", status, steps: [report] };
}

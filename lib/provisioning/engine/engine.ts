import { AppError } from "@/lib/errors";
import { log, withLogContext } from "@/lib/observability/logger";
import { countRun } from "@/lib/observability/metrics";
import { notifyRunEnded } from "@/lib/notifications/run-events";
import { applySteps, commitTransition, stoppedStep } from "./apply-steps";
import { catalogue, findStep, type AnyStep } from "../catalogue";
import type { EngineOptions, RunReport, RunStatus, StepReport } from "./engine-types";
import { describeFailure, type Failure } from "./failures";
import { NeedsInputError } from "../model/needs-input";
import { parseInput } from "../model/parse-input";
import { readSteps } from "./read-steps";
import { endedBeforeStart, failRunBeforeStart } from "./queued-runs";
import {
  cancelledOutcome,
  DEFAULT_LEASE_MS,
  finishRun,
  RunCancelledError,
  runOutcome,
  type RunMode,
  type RunOutcome,
} from "./run-records";
import { contextFor, openRun, prepareRun, prepareStep, type StepSetting } from "./step-setting";
import { loadTenantView, type TenantView } from "../model/tenant-view";

export type { EngineOptions, RunReport, StepReport } from "./engine-types";

function stepsFor(stepKey: string | undefined): AnyStep[] {
  if (stepKey === undefined) return [...catalogue];
  const step = findStep(stepKey);
  if (!step)
    throw new AppError("not_found", `There is no step "${stepKey}". Steps: ${catalogue.map((s) => s.key).join(", ")}.`);
  return [step];
}

/** A run request: the tenant, what to do, and the queued run's row when it was queued (the worker's case). */
export interface RunRequest {
  tenantId: string;
  mode: RunMode;
  stepKey?: string;
  runId?: string;
}

/** What a queued run reports when it ends before the engine starts it (failed, cancelled, or ended already). */
async function endedEarly(db: EngineOptions["db"], request: RunRequest, status: RunStatus): Promise<RunReport> {
  const row = await db.run.findUnique({ where: { id: request.runId }, select: { correlationId: true } });
  return { runId: request.runId!, correlationId: row?.correlationId ?? "", mode: request.mode, status, steps: [] };
}

/**
 * Runs plan, apply or verify for one tenant, or for one step of it. Apply goes on after a step that failed or needs
 * input with every step that does not depend on it; the run then ends failed, or needing input when nothing failed.
 * With `runId` (a queued run) the run takes over that row; a failure before the engine starts (settings that cannot
 * run, the tenant gone) ends it failed, with the operator message, instead of throwing. Another run holding the
 * tenant is thrown (AppError "conflict") either way: the caller decides whether to wait.
 */
export async function runTenant(request: RunRequest, options: EngineOptions): Promise<RunReport> {
  const { db, audit } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const queuedRunId = request.runId;
  if (queuedRunId) {
    const ended = await endedBeforeStart(db, queuedRunId);
    if (ended) return endedEarly(db, request, ended);
  }
  let tenant: TenantView;
  let steps: AnyStep[];
  try {
    tenant = await loadTenantView(db, request.tenantId);
    steps = stepsFor(request.stepKey);
  } catch (error) {
    if (!queuedRunId) throw error;
    await failRunBeforeStart(db, audit, { runId: queuedRunId, error });
    return endedEarly(db, request, "failed");
  }
  const start = { tenant, mode: request.mode, stepKey: request.stepKey ?? null, leaseMs, queuedRunId };
  const setting = await openRun(options, start).catch((error: unknown) => {
    if (error instanceof RunCancelledError) return undefined;
    throw error;
  });
  if (!setting) return endedEarly(db, request, "cancelled");
  try {
    return await withLogContext(runLogFields(setting), () => runOpened(setting, request, steps));
  } finally {
    await setting.heartbeat.stop();
  }
}

/** What every log line of a run carries, so `grep <runId>` finds the whole run. */
const runLogFields = ({ run, tenant }: StepSetting) => ({
  runId: run.id,
  tenantId: tenant.id,
  correlationId: run.correlationId,
});

/** The run once it holds the tenant's lease: its steps, then its end. */
async function runOpened(setting: StepSetting, request: RunRequest, steps: AnyStep[]): Promise<RunReport> {
  const { run, tenant } = setting;
  const { db, audit } = setting.options;
  let reports: StepReport[] = [];
  let outcome: RunOutcome | undefined;
  let runFailure: Failure | undefined;
  let cancelled: { by: string; next?: string } | undefined;
  const started = Date.now();
  log().info({ mode: request.mode, stepKey: request.stepKey }, "run started");
  try {
    await prepareRun(setting);
    if (request.mode === "apply") ({ reports, outcome } = await applySteps(setting, steps));
    else ({ reports, cancelled } = await readSteps(setting, steps, request.mode));
  } catch (error) {
    runFailure = describeFailure(error, "The run", run.correlationId);
  } finally {
    await setting.connections.close();
  }
  if (!outcome) {
    outcome = cancelled && !runFailure ? cancelledOutcome(reports, cancelled) : runOutcome(reports, runFailure);
    await finishRun(db, audit, { tenant, run, outcome });
  }
  countRun({ mode: request.mode, outcome: outcome.status });
  log().info({ mode: request.mode, status: outcome.status, durationMs: Date.now() - started }, "run finished");
  await notifyRunEnded(db, run.id, { mode: request.mode, status: outcome.status });
  return {
    runId: run.id,
    correlationId: run.correlationId,
    mode: request.mode,
    status: outcome.status,
    steps: reports,
  };
}

export const planTenant = (tenantId: string, options: EngineOptions) => runTenant({ tenantId, mode: "plan" }, options);
export const applyTenant = (tenantId: string, options: EngineOptions, stepKey?: string) =>
  runTenant({ tenantId, mode: "apply", stepKey }, options);
export const verifyTenant = (tenantId: string, options: EngineOptions, stepKey?: string) =>
  runTenant({ tenantId, mode: "verify", stepKey }, options);

/** Manual completion: the operator did the step elsewhere and enters its values; they are checked, stored and sealed. */
export async function completeStepManually(
  { tenantId, stepKey, values }: { tenantId: string; stepKey: string; values: unknown },
  options: EngineOptions,
): Promise<RunReport> {
  const { db } = options;
  const step = stepsFor(stepKey)[0]!;
  const { manual } = step;
  if (!manual) throw new AppError("invalid_input", `"${step.title}" cannot be completed by hand.`);
  const parsedValues = parseInput(manual.schema, values, `values for "${step.title}"`);
  const tenant = await loadTenantView(db, tenantId);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const setting = await openRun(options, { tenant, mode: "apply", stepKey: step.key, leaseMs });
  try {
    return await withLogContext(runLogFields(setting), () => completeOpened(setting, { step, manual, parsedValues }));
  } finally {
    await setting.heartbeat.stop();
  }
}

async function completeOpened(
  setting: StepSetting,
  { step, manual, parsedValues }: { step: AnyStep; manual: NonNullable<AnyStep["manual"]>; parsedValues: unknown },
): Promise<RunReport> {
  const { db } = setting.options;
  const { run, connections } = setting;
  const stepRun = await db.stepRun.create({ data: { runId: run.id, stepKey: step.key } });
  const record = { stepRunId: stepRun.id, calls: connections.calls };
  // The step's end also ends the run.
  let report: StepReport;
  let waiting = false;
  try {
    await prepareRun(setting);
    const { previous } = prepareStep(setting, step);
    waiting = previous?.status === "needs-input";
    const result = await manual.complete(contextFor(setting, { step, input: undefined, previous }), parsedValues);
    report = {
      stepKey: step.key,
      title: step.title,
      status: "succeeded",
      result: result.result,
      changes: result.changes,
    };
    const manualFields = Object.keys(parsedValues as object);
    const completed = { key: step.key, ...record, manual: true, result, manualFields };
    await commitTransition(setting, { completed, finish: { status: "succeeded", steps: { [step.key]: "manual" } } });
  } catch (error) {
    // Values refused for a step that waits for them: it still waits (with the reason), it has not failed.
    const refused = waiting && error instanceof AppError && error.code === "invalid_input";
    const stop = refused ? new NeedsInputError(manual.description, error.message) : error;
    const stopped = stoppedStep(stop, { step, record, correlationId: run.correlationId });
    report = stopped.report;
    await commitTransition(setting, { ...stopped.transition, finish: runOutcome([report]) });
  } finally {
    await connections.close();
  }
  const { status } = runOutcome([report]);
  countRun({ mode: "apply", outcome: status });
  log().info({ mode: "apply", stepKey: step.key, manual: true, status }, "run finished");
  return { runId: run.id, correlationId: run.correlationId, mode: "apply", status, steps: [report] };
}

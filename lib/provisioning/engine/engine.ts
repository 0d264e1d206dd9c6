import { AppError } from "@/lib/errors";
import { applySteps, commitTransition, stoppedStep } from "./apply-steps";
import { catalogue, findStep, type AnyStep } from "../catalogue";
import type { EngineOptions, RunReport, StepReport } from "./engine-types";
import { describeFailure, type Failure } from "./failures";
import { NeedsInputError } from "../model/needs-input";
import { parseInput } from "../model/parse-input";
import { readSteps } from "./read-steps";
import { DEFAULT_LEASE_MS, finishRun, runOutcome, type RunMode } from "./run-records";
import { contextFor, openRun, prepareStep } from "./step-setting";
import { loadTenantView } from "../model/tenant-view";

export type { EngineOptions, RunReport, StepReport } from "./engine-types";

function stepsFor(stepKey: string | undefined): AnyStep[] {
  if (stepKey === undefined) return [...catalogue];
  const step = findStep(stepKey);
  if (!step)
    throw new AppError("not_found", `There is no step "${stepKey}". Steps: ${catalogue.map((s) => s.key).join(", ")}.`);
  return [step];
}

/**
 * Runs plan, apply or verify for one tenant, or for one step of it. Apply goes on after a step that failed or needs
 * input with every step that does not depend on it; the run then ends failed, or needing input when nothing failed.
 */
export async function runTenant(
  request: { tenantId: string; mode: RunMode; stepKey?: string },
  options: EngineOptions,
): Promise<RunReport> {
  const { db, audit } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const tenant = await loadTenantView(db, request.tenantId);
  const steps = stepsFor(request.stepKey);
  const setting = await openRun(options, { tenant, mode: request.mode, stepKey: request.stepKey ?? null, leaseMs });
  const { run } = setting;
  let reports: StepReport[] = [];
  let finished = false;
  let runFailure: Failure | undefined;
  try {
    await setting.connections.prepare();
    if (request.mode === "apply") ({ reports, finished } = await applySteps(setting, steps));
    else reports = await readSteps(setting, steps, request.mode);
  } catch (error) {
    runFailure = describeFailure(error, "The run", run.correlationId);
  } finally {
    await setting.connections.close();
  }
  const outcome = runOutcome(reports, runFailure);
  if (!finished) await finishRun(db, audit, { tenant, run, outcome });
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
  if (!step.manual) throw new AppError("invalid_input", `"${step.title}" cannot be completed by hand.`);
  const parsedValues = parseInput(step.manual.schema, values, `values for "${step.title}"`);
  const tenant = await loadTenantView(db, tenantId);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const setting = await openRun(options, { tenant, mode: "apply", stepKey: step.key, leaseMs });
  const { run, connections } = setting;
  const stepRun = await db.stepRun.create({ data: { runId: run.id, stepKey: step.key } });
  const record = { stepRunId: stepRun.id, calls: connections.calls };
  // The step's end also ends the run.
  let report: StepReport;
  let waiting = false;
  try {
    await connections.prepare();
    const { previous } = prepareStep(setting, step);
    waiting = previous?.status === "needs-input";
    const result = await step.manual.complete(contextFor(setting, { step, input: undefined, previous }), parsedValues);
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
    const stop = refused ? new NeedsInputError(step.manual.description, error.message) : error;
    const stopped = stoppedStep(stop, { step, record, correlationId: run.correlationId });
    report = stopped.report;
    await commitTransition(setting, { ...stopped.transition, finish: runOutcome([report]) });
  } finally {
    await connections.close();
  }
  const { status } = runOutcome([report]);
  return { runId: run.id, correlationId: run.correlationId, mode: "apply", status, steps: [report] };
}

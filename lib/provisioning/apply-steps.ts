import { AppError } from "@/lib/errors";
import { appliesTo, type AnyStep } from "./catalogue";
import type { StepReport } from "./engine-types";
import { describeFailure } from "./failures";
import { parseInput } from "./parse-input";
import { contextFor, prepareStep, type StepSetting } from "./step-setting";
import { runOutcome } from "./run-records";
import { recordStepTransition, type CompletedStep, type PassedStep, type StepTransition } from "./step-records";
import type { TenantView } from "./tenant-view";

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

export async function commitTransition(setting: StepSetting, transition: StepTransition): Promise<string | undefined> {
  const { tenant, run, options, lease } = setting;
  const stepRunId = await recordStepTransition(options.db, options.audit, tenant, run, { ...transition, extendLeaseMs: lease.due() });
  noteTransition(setting, transition);
  return stepRunId;
}

/**
 * Apply: each step's end (done or failed) commits with the steps passed over after it and the start of the next
 * step, in one transaction; after the last step, that transaction also ends the run. Stops at the first failed step;
 * the steps after it are recorded as not run. `finished` says whether the run was ended here.
 */
export async function applySteps(setting: StepSetting, steps: AnyStep[]): Promise<{ reports: StepReport[]; finished: boolean }> {
  const { tenant, run, connections } = setting;
  const reports: StepReport[] = [];
  /** The steps from `from` on that do not apply, and the first one that does. */
  const upTo = (from: number) => {
    let index = from;
    while (index < steps.length && !appliesTo(steps[index]!, tenant)) index += 1;
    const passed = steps.slice(from, index).map((step) => passedOver(step, tenant, "skipped"));
    return { passed, passedReports: steps.slice(from, index).map((step, n) => passedReport(step, passed[n]!)), index };
  };
  const failAt = async (index: number, failed: StepTransition["failed"] & object, report: StepReport) => {
    const rest = steps.slice(index + 1);
    const passed = rest.map((step) => passedOver(step, tenant, "not-run"));
    const ended = [...reports, report, ...rest.map((step, n) => passedReport(step, passed[n]!))];
    await commitTransition(setting, { failed, passed, finish: runOutcome(ended) });
    return { reports: ended, finished: true };
  };

  const first = upTo(0);
  let index = first.index;
  const nothingToRun = index >= steps.length;
  let stepRunId = await commitTransition(setting, { passed: first.passed, begin: steps[index]?.key, ...(nothingToRun ? { finish: runOutcome(first.passedReports) } : {}) });
  reports.push(...first.passedReports);
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
      return failAt(index, { key: step.key, stepRunId: stepRunId!, calls: calls(), failure }, { ...report, status: "failed", error: failure });
    }
    const next = upTo(index + 1);
    const succeeded: StepReport = { ...report, status: "succeeded", result: completed.result.result, changes: completed.result.changes };
    const last = next.index >= steps.length;
    try {
      const finish = last ? { finish: runOutcome([...reports, succeeded, ...next.passedReports]) } : {};
      stepRunId = await commitTransition(setting, { completed, passed: next.passed, begin: steps[next.index]?.key, ...finish });
    } catch (error) {
      // Storing the result failed (e.g. the org belongs to another tenant): the step failed, nothing else started.
      const failure = describeFailure(error, step.title, run.correlationId);
      return failAt(index, { key: step.key, stepRunId: completed.stepRunId, calls: completed.calls, failure }, { ...report, status: "failed", error: failure });
    }
    reports.push(succeeded, ...next.passedReports);
    index = next.index;
  }
  return { reports, finished: true };
}

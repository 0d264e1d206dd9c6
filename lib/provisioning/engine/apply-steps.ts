import { AppError } from "@/lib/errors";
import type { CallRecord } from "@/lib/genesys-cloud";
import { log } from "@/lib/observability/logger";
import { recordStep } from "@/lib/observability/metrics";
import { appliesTo, findStep, type AnyStep } from "../catalogue";
import type { StepReport } from "./engine-types";
import { describeFailure } from "./failures";
import { neededInputOf } from "../model/needs-input";
import { parseInput } from "../model/parse-input";
import { contextFor, prepareStep, type StepSetting } from "./step-setting";
import { cancelledOutcome, runOutcome, type RunOutcome } from "./run-records";
import type { CompletedStep, PassedStep, StepTransition } from "./step-records";
import { recordStepTransition, type TransitionRecord } from "./step-transition";

/** Notes what a committed transition changed in the run's view of the step states and sealed secrets. */
function noteTransition(setting: StepSetting, transition: StepTransition) {
  const { states, secrets } = setting;
  const { completed } = transition;
  if (completed) {
    const manual = completed.manual || (states.previousOf(completed.key)?.manual ?? false);
    states.note(completed.key, { status: "done", outputs: completed.result.outputs, manual });
    for (const purpose of completed.result.discardSecrets ?? []) secrets.delete(purpose);
    for (const [purpose, value] of Object.entries(completed.result.secrets ?? {})) {
      secrets.set(purpose, Promise.resolve(value));
    }
  }
  const stopped = transition.failed
    ? { key: transition.failed.key, status: "failed" }
    : transition.waiting
      ? { key: transition.waiting.key, status: "needs-input" }
      : undefined;
  if (stopped) {
    const previous = states.previousOf(stopped.key);
    const { outputs = {}, manual = false } = previous ?? {};
    states.note(stopped.key, { status: stopped.status, outputs, manual });
  }
}

export async function commitTransition(setting: StepSetting, transition: StepTransition): Promise<TransitionRecord> {
  const { tenant, run, options, lease } = setting;
  const extendLeaseMs = lease.due();
  const recorded = { ...transition, extendLeaseMs };
  const record = await recordStepTransition(options.db, options.audit, { tenant, run, transition: recorded });
  noteTransition(setting, transition);
  return record;
}

/** How a step that started ended without its result: failed, or waiting for the operator's input. */
export function stoppedStep(
  error: unknown,
  {
    step,
    record,
    correlationId,
  }: { step: AnyStep; record: { stepRunId: string; calls: CallRecord[] }; correlationId: string },
): { transition: StepTransition; report: StepReport } {
  const report = { stepKey: step.key, title: step.title };
  const needed = neededInputOf(error);
  if (needed) {
    return {
      transition: { waiting: { key: step.key, ...record, needed } },
      report: { ...report, status: "needs-input", needsInput: needed },
    };
  }
  const failure = describeFailure(error, step.title, correlationId);
  return {
    transition: { failed: { key: step.key, ...record, failure } },
    report: { ...report, status: "failed", error: failure },
  };
}

/** Each step of the run that has ended, with its report; what later steps are judged by. */
type Ended = ReadonlyMap<string, StepReport>;

/** Why a step is not run: the steps it depends on (among those of the run) that did not succeed, in words. */
function notRunReason(waitingFor: StepReport[], ended: Ended): Pick<StepReport, "reason" | "blockedBy"> {
  const rootsOf = (report: StepReport) => (report.status === "not-run" ? (report.blockedBy ?? []) : [report.stepKey]);
  const blockedBy = [...new Set(waitingFor.flatMap(rootsOf))];
  const rootWords = (key: string) => {
    const root = ended.get(key)!;
    return `"${root.title}" ${root.status === "failed" ? "failed" : "needs input"}`;
  };
  const words = waitingFor.map((dependency) =>
    dependency.status === "not-run"
      ? `"${dependency.title}", which did not run (${(dependency.blockedBy ?? []).map(rootWords).join(", ")})`
      : `"${dependency.title}", which ${dependency.status === "failed" ? "failed" : "needs input"}`,
  );
  return { reason: `Not run: it waits for ${words.join(" and ")}.`, blockedBy };
}

/**
 * The steps from `from` on that the run passes over, and the index of the first one to run. Passed over: a step
 * that does not apply to the tenant (skipped), or one that depends on a step of this run that did not succeed
 * (not run, with the reason). A dependency outside the run (apply of one step) is the step's own precondition.
 */
function passOver(setting: StepSetting, { steps, from, ended }: { steps: AnyStep[]; from: number; ended: Ended }) {
  const { tenant } = setting;
  const passed: PassedStep[] = [];
  const reports: StepReport[] = [];
  const seen = new Map(ended);
  let index = from;
  for (; index < steps.length; index += 1) {
    const step = steps[index]!;
    const report = { stepKey: step.key, title: step.title };
    if (!appliesTo(step, tenant)) {
      passed.push({ key: step.key, outcome: "skipped" });
      reports.push({ ...report, status: "skipped" });
      continue;
    }
    const waitingFor = step.dependsOn.flatMap((key) => {
      const dependency = seen.get(key);
      return dependency && appliesTo(findStep(key)!, tenant) && dependency.status !== "succeeded" ? [dependency] : [];
    });
    if (waitingFor.length === 0) break;
    const notRun: StepReport = { ...report, status: "not-run", ...notRunReason(waitingFor, seen) };
    passed.push({ key: step.key, outcome: "not-run", reason: notRun.reason });
    reports.push(notRun);
    seen.set(step.key, notRun);
  }
  return { passed, reports, index };
}

/**
 * Apply: each step's end (done, failed or waiting for input) commits with the steps passed over after it and the
 * start of the next step, in one transaction; after the last step, that transaction also ends the run. A step that
 * failed or needs input holds back only the steps that depend on it (directly or through others): they are recorded
 * as not run, with the reason; every other step still runs. An operator's cancel ends the run at the next boundary.
 * Returns the step reports and the outcome the run ended with.
 */
export async function applySteps(
  setting: StepSetting,
  steps: AnyStep[],
): Promise<{ reports: StepReport[]; outcome: RunOutcome }> {
  const { run, connections } = setting;
  let outcome: RunOutcome | undefined;
  const reports: StepReport[] = [];
  const ended = new Map<string, StepReport>();
  const endWith = (added: StepReport[]) => {
    reports.push(...added);
    for (const report of added) ended.set(report.stepKey, report);
  };
  /** Commits the end of a step (or the run's start) with what follows it; the run's end after the last step. */
  const transition = async (from: number, end: StepTransition, endReport: StepReport[]) => {
    const endedNow = new Map([...ended, ...endReport.map((report) => [report.stepKey, report] as const)]);
    const next = passOver(setting, { steps, from, ended: endedNow });
    const endedReports = [...reports, ...endReport, ...next.reports];
    const nextStep = steps[next.index];
    const finish = nextStep ? undefined : runOutcome(endedReports);
    // An operator's cancel is honoured here, at the boundary (in the same transaction): the run ends instead of
    // starting its next step.
    const cancelled = nextStep && ((by: string) => cancelledOutcome(endedReports, { by, next: nextStep.title }));
    const record = await commitTransition(setting, {
      ...{ ...end, passed: next.passed, begin: nextStep?.key },
      ...(finish ? { finish } : { cancelled }),
    });
    outcome = finish ?? record.cancelled;
    endWith([...endReport, ...next.reports]);
    return { stepRunId: record.stepRunId, index: record.cancelled ? steps.length : next.index };
  };

  let { stepRunId, index } = await transition(0, {}, []);
  while (index < steps.length) {
    const step = steps[index]!;
    const firstCall = connections.calls.length;
    const record = () => ({ stepRunId: stepRunId!, calls: connections.calls.slice(firstCall) });
    let completed: CompletedStep;
    const started = performance.now();
    const measured = (outcome: string) => {
      const seconds = (performance.now() - started) / 1000;
      recordStep({ step: step.key, mode: "apply", outcome, seconds });
      log().info({ stepKey: step.key, status: outcome, durationMs: Math.round(seconds * 1000) }, "step ended");
    };
    try {
      const { previous, waitingFor, rawInput } = prepareStep(setting, step);
      if (waitingFor.length > 0) {
        const message = `Apply ${waitingFor.join(", ")} first: "${step.title}" needs their results.`;
        throw new AppError("precondition_failed", message);
      }
      const parsed = parseInput(step.input, rawInput, `input of "${step.title}"`);
      const result = await step.apply(contextFor(setting, { step, input: parsed, previous }));
      completed = { key: step.key, ...record(), manual: false, result };
    } catch (error) {
      const stopped = stoppedStep(error, { step, record: record(), correlationId: run.correlationId });
      measured(stopped.report.status);
      ({ stepRunId, index } = await transition(index + 1, stopped.transition, [stopped.report]));
      continue;
    }
    measured("succeeded");
    const { result, changes } = completed.result;
    const succeeded: StepReport = { stepKey: step.key, title: step.title, status: "succeeded", result, changes };
    try {
      ({ stepRunId, index } = await transition(index + 1, { completed }, [succeeded]));
    } catch (error) {
      // Storing the result failed (e.g. the org belongs to another tenant): the step failed, and the run goes on
      // without the steps that depend on it.
      const failure = describeFailure(error, step.title, run.correlationId);
      const failed: StepReport = { stepKey: step.key, title: step.title, status: "failed", error: failure };
      const stored = { key: step.key, stepRunId: completed.stepRunId, calls: completed.calls };
      ({ stepRunId, index } = await transition(index + 1, { failed: { ...stored, failure } }, [failed]));
    }
  }
  return { reports, outcome: outcome! };
}

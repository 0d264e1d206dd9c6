import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/observability/logger";
import { recordStep } from "@/lib/observability/metrics";
import { appliesTo, type AnyStep } from "../catalogue";
import type { StepReport } from "./engine-types";
import { describeFailure } from "./failures";
import { neededInputOf } from "../model/needs-input";
import { parseInput } from "../model/parse-input";
import { cancelRequestedBy } from "./queued-runs";
import { extendLease } from "./run-records";
import type { PreviousState, StepPlan, StepVerification } from "../model/step";
import { evidenceOf } from "./step-records";
import { contextFor, prepareStep, type StepSetting } from "./step-setting";

/** What applying the step does in the customer's org beyond its own objects, said with its plan (none: left out). */
function sideEffectsOf(step: AnyStep, setting: StepSetting): Pick<StepReport, "sideEffects"> {
  const sideEffects = step.sideEffects?.(setting.tenant) ?? [];
  return sideEffects.length ? { sideEffects } : {};
}

/**
 * Plan and verify only read; their StepRun rows keep the evidence, and verify records what it found on the step state.
 * A step that waits for the operator's input is reported as such, as apply does.
 */
async function readStep(setting: StepSetting, step: AnyStep, mode: "plan" | "verify"): Promise<StepReport> {
  const started = performance.now();
  const report = await readStepTimed(setting, step, mode);
  const seconds = (performance.now() - started) / 1000;
  recordStep({ step: step.key, mode, outcome: report.status, seconds });
  log().info({ stepKey: step.key, status: report.status, durationMs: Math.round(seconds * 1000) }, "step ended");
  return report;
}

async function readStepTimed(setting: StepSetting, step: AnyStep, mode: "plan" | "verify"): Promise<StepReport> {
  const { run, connections, options } = setting;
  const report = { stepKey: step.key, title: step.title, ...(mode === "plan" ? sideEffectsOf(step, setting) : {}) };
  const { previous, waitingFor, rawInput, ready } = prepareStep(setting, step);
  const stepRun = await options.db.stepRun.create({ data: { runId: run.id, stepKey: step.key } });
  const firstCall = connections.calls.length;
  const finish = (data: Prisma.StepRunUpdateInput) =>
    options.db.stepRun.update({
      where: { id: stepRun.id },
      data: { finishedAt: new Date(), evidence: evidenceOf(connections.calls.slice(firstCall)), ...data },
    });
  try {
    if (!ready && waitingFor.length > 0) {
      const notices = step.planNotices?.(setting.tenant) ?? [];
      const pending: StepPlan = { action: "pending", changes: [], waitingFor, ...(notices.length ? { notices } : {}) };
      const outcome: StepReport =
        mode === "plan"
          ? { ...report, status: "succeeded", plan: pending }
          : {
              ...report,
              status: "succeeded",
              verification: {
                status: "missing",
                differences: waitingFor.map((key) => ({ field: key, expected: "done", actual: "not applied" })),
              },
            };
      await finish({ status: "succeeded", outcome: outcome.plan?.action ?? outcome.verification?.status });
      if (mode === "verify")
        await recordVerification(setting, { stepKey: step.key, verification: outcome.verification! });
      else await recordPlan(setting, step.key, outcome.plan!);
      return outcome;
    }
    const ctx = contextFor(setting, {
      step,
      input: parseInput(step.input, rawInput, `input of "${step.title}"`),
      previous,
    });
    if (mode === "plan") {
      const plan = await step.plan(ctx);
      await finish({ status: "succeeded", outcome: plan.action });
      await recordPlan(setting, step.key, plan);
      return { ...report, status: "succeeded", plan };
    }
    const verification = await step.verify(ctx);
    await finish({ status: "succeeded", outcome: verification.status });
    await recordVerification(setting, { stepKey: step.key, verification, previous });
    return { ...report, status: "succeeded", verification };
  } catch (error) {
    const needed = neededInputOf(error);
    if (needed) {
      await finish({ status: "needs-input", operatorMessage: needed.message });
      return { ...report, status: "needs-input", needsInput: needed };
    }
    const failure = describeFailure(error, step.title, run.correlationId);
    await finish({ status: "failed", errorCode: failure.code, operatorMessage: failure.message });
    return { ...report, status: "failed", error: failure };
  }
}

async function recordVerification(
  setting: StepSetting,
  {
    stepKey,
    verification,
    previous = null,
  }: { stepKey: string; verification: StepVerification; previous?: PreviousState | null },
): Promise<void> {
  const { tenant, options } = setting;
  const outputs =
    verification.observed && previous?.status === "done"
      ? { ...previous.outputs, ...verification.observed }
      : undefined;
  const data = {
    verifyStatus: verification.status,
    drift: verification.differences as unknown as Prisma.InputJsonArray,
    lastVerifiedAt: new Date(),
    ...(outputs ? { outputs: outputs as Prisma.InputJsonObject } : {}),
  };
  await options.db.stepState.upsert({
    where: { tenantId_stepKey: { tenantId: tenant.id, stepKey } },
    create: { tenantId: tenant.id, stepKey, ...data },
    update: data,
  });
  if (outputs) setting.states.note(stepKey, { ...previous!, outputs });
}

async function recordPlan(setting: StepSetting, stepKey: string, plan: StepPlan): Promise<void> {
  const { tenant, options } = setting;
  const data = { plan: plan as unknown as Prisma.InputJsonObject, plannedAt: new Date() };
  await options.db.stepState.upsert({
    where: { tenantId_stepKey: { tenantId: tenant.id, stepKey } },
    create: { tenantId: tenant.id, stepKey, ...data },
    update: data,
  });
}

/** A step that does not apply to the tenant (apply records these with its step transitions). */
async function skipStep(setting: StepSetting, step: AnyStep): Promise<StepReport> {
  await setting.options.db.stepRun.create({
    data: { runId: setting.run.id, stepKey: step.key, status: "skipped", outcome: "skipped", finishedAt: new Date() },
  });
  return { stepKey: step.key, title: step.title, status: "skipped" };
}

/**
 * Plan or verify: every step that applies is read, whatever the others found. An operator's cancel stops the run
 * before its next step (`cancelled`: who asked, and that step).
 */
export async function readSteps(
  setting: StepSetting,
  steps: AnyStep[],
  mode: "plan" | "verify",
): Promise<{ reports: StepReport[]; cancelled?: { by: string; next: string } }> {
  const reports: StepReport[] = [];
  for (const step of steps) {
    const cancelledBy = await cancelRequestedBy(setting.options.db, setting.run.id);
    if (cancelledBy) return { reports, cancelled: { by: cancelledBy, next: step.title } };
    reports.push(appliesTo(step, setting.tenant) ? await readStep(setting, step, mode) : await skipStep(setting, step));
    const leaseMs = setting.lease.due();
    if (leaseMs) await extendLease(setting.options.db, setting.run, leaseMs);
  }
  return { reports };
}

import type { RunReport, StepReport } from "@/lib/provisioning";

/** Under a plan line, aligned with the step title: side effects in the org, then the plan's notices. */
const INDENT = " ".repeat(10);

function planLines(step: StepReport & { plan: NonNullable<StepReport["plan"]> }): string[] {
  const changes = step.plan.changes.map(({ field, actual, expected }) => `${field}: ${actual} → ${expected}`);
  const changed = changes.length ? ` — ${changes.join("; ")}` : "";
  const waiting = step.plan.waitingFor?.length ? ` (after ${step.plan.waitingFor.join(", ")})` : "";
  return [
    `  ${step.plan.action.padEnd(7)} ${step.title}${waiting}${changed}`,
    ...(step.sideEffects ?? []).map((effect) => `${INDENT}side effect: ${effect}`),
    ...(step.plan.notices ?? []).map((notice) => `${INDENT}note: ${notice}`),
  ];
}

function stepLines(step: StepReport): string[] {
  if (step.error) return [`  ✗ ${step.title}: ${step.error.message}`];
  if (step.needsInput) return [`  ? ${step.title}: needs input: ${step.needsInput.message}`];
  if (step.plan) return planLines({ ...step, plan: step.plan });
  if (step.verification) {
    const differences = step.verification.differences
      .map((difference) => `${difference.field}: expected ${difference.expected}, found ${difference.actual}`)
      .join("; ");
    return [`  ${step.verification.status.padEnd(7)} ${step.title}${differences ? ` — ${differences}` : ""}`];
  }
  const detail = step.reason ?? (step.changes?.length ? step.changes.join("; ") : "");
  return [`  ${(step.result ?? step.status).padEnd(7)} ${step.title}${detail ? ` — ${detail}` : ""}`];
}

export function formatRunReport(tenantLabel: string, report: RunReport): string {
  const { mode, status, runId, correlationId } = report;
  const heading = `${mode} ${tenantLabel}: ${status} (run ${runId}, correlation ${correlationId})`;
  return [heading, ...report.steps.flatMap(stepLines)].join("\n");
}

/** A plan "has changes" when any step would create or update something, or waits for one that will. */
export const planHasChanges = (report: RunReport) =>
  report.steps.some((step) => step.plan && ["create", "update", "pending"].includes(step.plan.action));

export const verifyFoundDrift = (report: RunReport) =>
  report.steps.some((step) => step.verification && step.verification.status !== "ok");

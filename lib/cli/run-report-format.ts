import type { RunReport, StepReport } from "@/lib/provisioning/engine";

function stepLine(step: StepReport): string {
  if (step.error) return `  ✗ ${step.title}: ${step.error.message}`;
  if (step.plan) {
    const changes = step.plan.changes.map((change) => `${change.field}: ${change.actual} → ${change.expected}`).join("; ");
    const waiting = step.plan.waitingFor?.length ? ` (after ${step.plan.waitingFor.join(", ")})` : "";
    return `  ${step.plan.action.padEnd(7)} ${step.title}${waiting}${changes ? ` — ${changes}` : ""}`;
  }
  if (step.verification) {
    const differences = step.verification.differences.map((difference) => `${difference.field}: expected ${difference.expected}, found ${difference.actual}`).join("; ");
    return `  ${step.verification.status.padEnd(7)} ${step.title}${differences ? ` — ${differences}` : ""}`;
  }
  return `  ${(step.result ?? step.status).padEnd(7)} ${step.title}${step.changes?.length ? ` — ${step.changes.join("; ")}` : ""}`;
}

export function formatRunReport(tenantLabel: string, report: RunReport): string {
  return [`${report.mode} ${tenantLabel}: ${report.status} (run ${report.runId}, correlation ${report.correlationId})`, ...report.steps.map(stepLine)].join("\n");
}

/** A plan "has changes" when any step would create or update something, or waits for one that will. */
export const planHasChanges = (report: RunReport) => report.steps.some((step) => step.plan && ["create", "update", "pending"].includes(step.plan.action));

export const verifyFoundDrift = (report: RunReport) => report.steps.some((step) => step.verification && step.verification.status !== "ok");

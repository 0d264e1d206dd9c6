import type { ReactNode } from "react";
import { formatDateTime, runModeLabel } from "@/components/tenants/status-display";
import { Alert } from "@/components/ui/alert";
import type { ChecklistStep } from "@/lib/tenants/checklist";

const outcomeWords: Record<string, string> = {
  create: "would create",
  update: "would update",
  none: "no changes needed",
  check: "would run its check",
  pending: "waiting for earlier steps",
  created: "created",
  updated: "updated",
  unchanged: "already as desired",
  checked: "check passed",
  ok: "matches",
  drifted: "drifted",
  missing: "missing",
  manual: "completed by hand",
  skipped: "skipped (not needed)",
  "not-run": "not run",
};

const statusWords: Record<string, string> = { failed: "failed", "needs-input": "needs input" };

/**
 * The step's last run in words: what it did, what went wrong and what to do, the input it waits for (with the form
 * to enter it, `completeByHand`), or why it was not run.
 */
export function StepLastRun({
  last,
  manual,
  completeByHand,
}: {
  last: NonNullable<ChecklistStep["lastStepRun"]>;
  manual: boolean;
  completeByHand?: ReactNode;
}) {
  const words = statusWords[last.status] ?? outcomeWords[last.outcome ?? ""] ?? last.outcome ?? last.status;
  return (
    <>
      <p className="text-muted-foreground">
        Last {runModeLabel[last.mode]?.toLowerCase() ?? last.mode}: {words}
        {last.finishedAt ? ` · ${formatDateTime(last.finishedAt)}` : ""}
        {manual ? " · completed by hand" : ""}
      </p>
      {last.outcome === "not-run" && last.operatorMessage ? (
        <p data-testid="step-not-run-reason">{last.operatorMessage}</p>
      ) : null}
      {last.status === "failed" && last.operatorMessage ? (
        <Alert variant="error" title="What went wrong">
          {last.operatorMessage}
          {last.correlationIds.length ? (
            <span className="mt-1 block text-xs">Genesys Cloud correlation ids: {last.correlationIds.join(", ")}</span>
          ) : null}
        </Alert>
      ) : null}
      {last.status === "needs-input" ? (
        <Alert variant="warning" title="Needs input" data-testid="step-needs-input">
          {last.operatorMessage}
          {completeByHand ? <div className="mt-2">{completeByHand}</div> : null}
        </Alert>
      ) : null}
    </>
  );
}

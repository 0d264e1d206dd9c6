"use client";

import { toast } from "sonner";
import { runModeLabel } from "@/components/tenants/status-display";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ChecklistRun } from "@/lib/tenants/checklist";
import { cancelRunAction } from "./actions";
import { runToastId } from "./waited";

/** Cancels a queued run at once, or a running one at its next step boundary; says which before it does. */
export function CancelRunButton({
  tenantId,
  run,
  onCancelled,
}: {
  tenantId: string;
  run: Pick<ChecklistRun, "id" | "mode" | "status">;
  onCancelled: () => void;
}) {
  const label = runModeLabel[run.mode] ?? run.mode;
  const queued = run.status === "queued";
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="outline" aria-label={`Cancel the ${label.toLowerCase()} run`}>
          Cancel run
        </Button>
      }
      title={`Cancel this ${label.toLowerCase()} run?`}
      description={
        queued
          ? "It has not started: it ends cancelled at once and nothing is changed."
          : "It stops before its next step: the step under way finishes first. Run it again later to carry on."
      }
      confirmLabel="Cancel run"
      pendingLabel="Cancelling…"
      cancelLabel="Keep it"
      destructive
      onConfirm={async () => {
        const result = await cancelRunAction({ tenantId, runId: run.id });
        if (!result.ok) {
          toast.error("Could not cancel the run", { description: result.error });
          return false;
        }
        // The checklist tells the run's end under the same id: one toast, not two.
        const told =
          result.data.status === "cancelled" ? `${label} cancelled` : `${label} stops after the current step`;
        toast.success(told, { id: runToastId(run.id) });
        onCancelled();
      }}
    >
      {null}
    </ConfirmDialog>
  );
}

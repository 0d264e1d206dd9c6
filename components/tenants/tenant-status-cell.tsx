import { StatusChip } from "@/components/ui/status-chip";
import type { TenantSummary } from "@/lib/tenants/tenant-status";
import { stepProgressText, tenantSummaryDisplay } from "./status-display";

/** The overview row's status: the tenant's status chip and its progress in the checklist's terms. */
export function TenantStatusCell({
  summary,
}: {
  summary: Pick<TenantSummary, "status" | "done" | "total" | "notNeeded" | "driftedSteps">;
}) {
  return (
    <div className="grid gap-1">
      <StatusChip {...tenantSummaryDisplay(summary)} />
      <span className="whitespace-nowrap text-xs tabular-nums text-muted-foreground">{stepProgressText(summary)}</span>
    </div>
  );
}

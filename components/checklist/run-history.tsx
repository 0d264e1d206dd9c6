import { formatDateTime, runModeLabel, runStatusDisplay } from "@/components/tenants/status-display";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ChecklistRun } from "@/lib/tenants/checklist";
import { CancelRunButton } from "./cancel-run-button";

/** The latest runs; with `cancel` (operators), a queued or running run can be cancelled from its row. */
export function RunHistory({
  runs,
  stepTitles,
  cancel,
}: {
  runs: ChecklistRun[];
  stepTitles: Record<string, string>;
  cancel?: { tenantId: string; onCancelled: () => void };
}) {
  if (runs.length === 0)
    return <p className="text-sm text-muted-foreground">No runs yet: plan, apply or verify to start the history.</p>;
  return (
    <Table>
      <TableCaption className="sr-only">The latest runs of this tenant</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Run</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>Started</TableHead>
          <TableHead>Finished</TableHead>
          <TableHead>Message</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((run) => {
          const display = runStatusDisplay[run.status] ?? { tone: "neutral" as const, label: run.status };
          return (
            <TableRow key={run.id} data-testid="run-row">
              <TableCell>
                {runModeLabel[run.mode] ?? run.mode}
                {run.stepKey ? (
                  <span className="text-muted-foreground"> · {stepTitles[run.stepKey] ?? run.stepKey}</span>
                ) : (
                  <span className="text-muted-foreground"> · all steps</span>
                )}
              </TableCell>
              <TableCell>
                <div className="flex flex-col items-start gap-1">
                  <StatusChip tone={display.tone} label={display.label} />
                  {cancel && (run.status === "queued" || run.status === "running") && !run.cancelRequested ? (
                    <CancelRunButton tenantId={cancel.tenantId} run={run} onCancelled={cancel.onCancelled} />
                  ) : null}
                </div>
              </TableCell>
              <TableCell>{run.requestedBy ?? "System"}</TableCell>
              <TableCell className="whitespace-nowrap text-xs">
                {run.status === "queued" ? `Queued ${formatDateTime(run.queuedAt)}` : formatDateTime(run.startedAt)}
              </TableCell>
              <TableCell className="whitespace-nowrap text-xs">
                {run.finishedAt ? formatDateTime(run.finishedAt) : "—"}
              </TableCell>
              <TableCell className="max-w-md text-xs">
                {run.operatorMessage ?? ""}
                <span className="block text-muted-foreground">Correlation id {run.correlationId}</span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

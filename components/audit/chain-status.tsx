import { Alert } from "@/components/ui/alert";
import { StatusChip } from "@/components/ui/status-chip";
import { utcTime } from "@/components/audit/event-view";
import type { ChainReport } from "@/lib/audit/verify-chain";

/** The hash chain's state in words: intact with how many events, or the first broken link and what to do. */
export function ChainStatus({
  report,
  checkedAt,
  refreshing = false,
}: {
  report: ChainReport;
  checkedAt?: Date;
  refreshing?: boolean;
}) {
  const when = checkedAt ? `Checked ${utcTime(checkedAt)}${refreshing ? "; checking again now" : ""}.` : null;
  if (report.ok) {
    return (
      <div className="grid gap-1" data-testid="chain-status">
        <StatusChip tone="success" label={`Chain intact: ${report.checked.toLocaleString("en")} events verified`} />
        <p className="text-xs text-muted-foreground" data-testid="chain-checkpoint">
          {report.checkpoint
            ? `Anchored: the signed checkpoint of ${utcTime(new Date(report.checkpoint.at))} names event #${report.checkpoint.seq}.`
            : "No signed checkpoint yet: one is written every minute while the dashboard or a worker runs."}
        </p>
        {when ? <p className="text-xs text-muted-foreground">{when}</p> : null}
      </div>
    );
  }
  return (
    <Alert variant="error" title={`Chain broken at event #${report.firstBroken.seq}`} data-testid="chain-status">
      <p>
        Event #{report.firstBroken.seq}: {report.firstBroken.reason}. The {report.checked.toLocaleString("en")} events
        before it verify. Preserve a database backup now and find out who had direct database access;{" "}
        <code>npm run cli -- audit verify</code> repeats the check.
      </p>
      {when ? <p className="text-xs">{when}</p> : null}
    </Alert>
  );
}

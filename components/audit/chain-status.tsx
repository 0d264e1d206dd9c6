import { Alert } from "@/components/ui/alert";
import { StatusChip } from "@/components/ui/status-chip";
import { utcTime } from "@/components/audit/event-view";
import type { ChainReport } from "@/lib/audit/verify-chain";

/** "just now" under a minute, else whole minutes or hours ago. */
export function checkAge(ageMs: number): string {
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  return `${Math.floor(minutes / 60)} hours ago`;
}

/** The hash chain's state in words: intact with how many events, or the first broken link and what to do. */
export function ChainStatus({
  report,
  checkedAt,
  refreshing = false,
  ageMs,
}: {
  report: ChainReport;
  checkedAt?: Date;
  refreshing?: boolean;
  /** How old the result is when shown: a shared result may be minutes old. */
  ageMs?: number;
}) {
  const age = ageMs !== undefined ? `${checkAge(ageMs)} (${checkedAt ? utcTime(checkedAt) : ""})` : null;
  const when = checkedAt
    ? `Checked ${age ?? utcTime(checkedAt)}${refreshing ? "; checking again now, reload for the result" : ""}.`
    : null;
  if (report.ok) {
    return (
      <div className="grid gap-1" data-testid="chain-status">
        <StatusChip tone="success" label={`Chain intact: ${report.checked.toLocaleString("en")} events verified`} />
        <p className="text-xs text-muted-foreground" data-testid="chain-checkpoint">
          {report.checkpoint
            ? `Anchored: the signed checkpoint of ${utcTime(new Date(report.checkpoint.at))} names event #${report.checkpoint.seq}.`
            : "No signed checkpoint yet: one is written every minute while the dashboard or a worker runs."}
        </p>
        {when ? (
          <p className="text-xs text-muted-foreground" data-testid="chain-checked">
            {when}
          </p>
        ) : null}
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

import { StatusChip } from "@/components/ui/status-chip";
import type { ChainReport } from "@/lib/audit/verify-chain";

export function ChainStatus({ report }: { report: ChainReport }) {
  if (report.ok) {
    return <StatusChip tone="success" label={`Chain intact: ${report.checked.toLocaleString("en")} events verified`} />;
  }
  return (
    <div className="grid gap-2">
      <StatusChip tone="danger" label={`Chain broken at event #${report.firstBroken.seq}`} />
      <p className="text-sm text-muted-foreground">
        Event #{report.firstBroken.seq}: {report.firstBroken.reason}. Events before it ({report.checked.toLocaleString("en")}) verify. Preserve a
        database backup and investigate who had direct database access.
      </p>
    </div>
  );
}

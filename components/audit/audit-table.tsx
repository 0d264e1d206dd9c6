import { ScrollText } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEventRow } from "@/lib/audit/queries";

export function AuditTable({ events }: { events: AuditEventRow[] }) {
  if (events.length === 0) return <EmptyState icon={ScrollText} title="No audit events" description="Events appear here as people sign in and make changes." />;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>#</TableHead>
          <TableHead>Time (UTC)</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Details</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.seq.toString()} data-testid="audit-row">
            <TableCell className="tabular-nums">{event.seq.toString()}</TableCell>
            <TableCell className="whitespace-nowrap">{event.occurredAt.toISOString().replace("T", " ").slice(0, 19)}</TableCell>
            <TableCell>
              <div>{event.actorEmail ?? "unknown"}</div>
              <div className="text-xs text-muted-foreground">{[event.actorRole, event.clientAddress].filter(Boolean).join(" · ")}</div>
            </TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell>{event.targetLabel ?? event.targetId ?? "—"}</TableCell>
            <TableCell>
              {event.outcome === "success" ? <StatusChip tone="success" label="Success" /> : <StatusChip tone="danger" label="Failure" />}
            </TableCell>
            <TableCell className="max-w-xs truncate font-mono text-xs" title={JSON.stringify(event.details)}>
              {JSON.stringify(event.details)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

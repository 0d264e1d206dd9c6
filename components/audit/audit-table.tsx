import { SearchX, ScrollText } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AuditEventDetails } from "@/components/audit/audit-event-details";
import { auditEventView } from "@/components/audit/event-view";
import { OutcomeChip } from "@/components/audit/outcome-chip";
import type { AuditEventRow } from "@/lib/audit/queries";

export function AuditTable({ events, filtered }: { events: AuditEventRow[]; filtered: boolean }) {
  if (events.length === 0) {
    return filtered ? (
      <EmptyState
        icon={SearchX}
        title="No events match these filters"
        description="Widen the time range, pick another action or outcome, or search for fewer words."
        action={
          <Button asChild variant="outline">
            <Link href="/audit">Clear filters</Link>
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={ScrollText}
        title="No audit events yet"
        description="Events appear here as people sign in and make changes."
      />
    );
  }
  return (
    <Table>
      <TableCaption className="sr-only">Audit events, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>#</TableHead>
          <TableHead>Time (UTC)</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Details</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Row detail</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.seq.toString()} data-testid="audit-row">
            <TableCell className="tabular-nums">{event.seq.toString()}</TableCell>
            <TableCell className="whitespace-nowrap">
              {event.occurredAt.toISOString().replace("T", " ").slice(0, 19)}
            </TableCell>
            <TableCell>
              <div>{event.actorEmail ?? "unknown"}</div>
              <div className="text-xs text-muted-foreground">
                {[event.actorRole, event.clientAddress].filter(Boolean).join(" · ")}
              </div>
            </TableCell>
            <TableCell className="font-mono text-xs">{event.action}</TableCell>
            <TableCell>{event.targetLabel ?? event.targetId ?? "—"}</TableCell>
            <TableCell>
              <OutcomeChip outcome={event.outcome} />
            </TableCell>
            <TableCell className="max-w-xs truncate font-mono text-xs">{JSON.stringify(event.details)}</TableCell>
            <TableCell className="text-right">
              <AuditEventDetails event={auditEventView(event)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

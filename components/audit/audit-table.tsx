import { SearchX, ScrollText } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableCaption, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AuditColumns, AuditRow } from "@/components/audit/audit-row";
import { AuditRunGroup } from "@/components/audit/audit-run-group";
import { auditEventView } from "@/components/audit/event-view";
import type { AuditEventRow } from "@/lib/audit/queries";
import { groupRunEvents } from "@/lib/audit/run-groups";

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
    <Table className="min-w-[56rem] table-fixed">
      <TableCaption className="sr-only">
        Audit events, newest first; the events of a run are folded under it
      </TableCaption>
      <AuditColumns />
      <TableHeader>
        <TableRow>
          <TableHead>#</TableHead>
          <TableHead>Time (UTC)</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action and details</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Row detail</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      {groupRunEvents(events).map((entry) =>
        entry.kind === "run" ? (
          <AuditRunGroup
            key={entry.head.seq.toString()}
            head={auditEventView(entry.head)}
            members={entry.members.map(auditEventView)}
          />
        ) : (
          <tbody key={entry.event.seq.toString()}>
            <AuditRow event={auditEventView(entry.event)} />
          </tbody>
        ),
      )}
    </Table>
  );
}

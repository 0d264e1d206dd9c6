import type { ReactNode } from "react";
import { TableCell, TableRow } from "@/components/ui/table";
import { AuditEventDetails } from "@/components/audit/audit-event-details";
import type { AuditEventView } from "@/components/audit/event-view";
import { OutcomeChip } from "@/components/audit/outcome-chip";
import { cn } from "@/lib/utils/cn";

// Long addresses, labels and action names break anywhere, so the table keeps to its frame and every row's Details
// button stays in sight.
const breakAnywhere = "[overflow-wrap:anywhere]";

/** The columns, sized so that the table (at least 56rem wide) fits a 1280 px window beside the navigation. */
export function AuditColumns() {
  return (
    <colgroup>
      <col className="w-16" />
      <col className="w-28" />
      <col className="w-[22%]" />
      <col />
      <col className="w-[18%]" />
      <col className="w-28" />
      <col className="w-24" />
    </colgroup>
  );
}

type AuditRowProps = {
  event: AuditEventView;
  /** Under a run's row: indented, on a tinted background. */
  nested?: boolean;
  /** Shown under the action, e.g. the control that opens a run's other events. */
  extra?: ReactNode;
  id?: string;
};

/** One audit event as a table row: who did what to what, with its outcome and a button for the whole event. */
export function AuditRow({ event, nested = false, extra, id }: AuditRowProps) {
  const [date, time] = event.occurredAt.split(" ");
  return (
    <TableRow id={id} data-testid="audit-row" className={cn(nested && "bg-muted/40")}>
      <TableCell className={cn("tabular-nums", nested && "pl-6")}>{event.seq}</TableCell>
      <TableCell className="tabular-nums">
        <div>{date}</div>
        <div className="text-xs text-muted-foreground">{time}</div>
      </TableCell>
      <TableCell className={breakAnywhere}>
        <div>{event.actorEmail ?? "unknown"}</div>
        <div className="text-xs text-muted-foreground">
          {[event.actorRole, event.clientAddress].filter(Boolean).join(" · ")}
        </div>
      </TableCell>
      <TableCell className="min-w-0">
        <div className={cn("font-mono text-xs", breakAnywhere)}>{event.action}</div>
        <div className="truncate font-mono text-xs text-muted-foreground" title={event.detailsLine}>
          {event.detailsLine}
        </div>
        {extra}
      </TableCell>
      <TableCell className={breakAnywhere}>{event.targetLabel ?? event.targetId ?? "—"}</TableCell>
      <TableCell>
        <OutcomeChip outcome={event.outcome} />
      </TableCell>
      <TableCell className="text-right">
        <AuditEventDetails event={event} />
      </TableCell>
    </TableRow>
  );
}

import { Inbox } from "lucide-react";
import { DeliveryStatus, when } from "@/components/notifications/delivery-status";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { eventTypeLabel } from "@/lib/notifications/event-types";
import type { DeliveryRow } from "@/lib/notifications/queries";

/** An endpoint's latest deliveries: each event, its status, how many tries, and what went wrong last. */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  if (deliveries.length === 0)
    return <EmptyState icon={Inbox} title="No deliveries yet" description="Use Send test to try the endpoint." />;
  return (
    <Table aria-label="Deliveries">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Attempts</TableHead>
          <TableHead>Last error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deliveries.map((delivery) => (
          <TableRow key={delivery.id} data-testid="delivery-row">
            <TableCell className="whitespace-nowrap">{when(delivery.createdAt)}</TableCell>
            <TableCell className="max-w-96 whitespace-normal">
              <div className="font-medium">{eventTypeLabel(delivery.eventType)}</div>
              <div className="text-xs break-words text-muted-foreground">{delivery.summary}</div>
            </TableCell>
            <TableCell>
              <DeliveryStatus status={delivery.status} />
            </TableCell>
            <TableCell>{delivery.attempts}</TableCell>
            <TableCell className="max-w-80 whitespace-normal break-words">
              {delivery.operatorMessage ?? delivery.lastError ?? "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

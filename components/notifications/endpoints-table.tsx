import Link from "next/link";
import { BellRing } from "lucide-react";
import { DeliveryStatus, when } from "@/components/notifications/delivery-status";
import { EndpointRowActions, SendTestButton } from "@/components/notifications/endpoint-row-actions";
import type { EditableEndpoint } from "@/components/notifications/endpoint-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusChip } from "@/components/ui/status-chip";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ENDPOINT_KINDS, eventTypeLabel } from "@/lib/notifications/event-types";
import type { EndpointRow } from "@/lib/notifications/queries";

const kindLabel = (kind: string) => ENDPOINT_KINDS.find((entry) => entry.kind === kind)?.label ?? kind;

export function EndpointsTable({ endpoints }: { endpoints: EndpointRow[] }) {
  if (endpoints.length === 0)
    return (
      <EmptyState
        icon={BellRing}
        title="No endpoints"
        description="Add a webhook, a Slack-compatible webhook or e-mail recipients to be told of failed runs, drift, expiring certificates, isolation leaks and a broken audit chain."
      />
    );
  return (
    <Table aria-label="Alert endpoints">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Sends to</TableHead>
          <TableHead>Events</TableHead>
          <TableHead>Last delivery</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {endpoints.map((endpoint) => (
          <TableRow key={endpoint.id} data-testid={`endpoint-row-${endpoint.name}`}>
            <TableCell className="font-medium">
              <div className="grid gap-1">
                <Link
                  href={`/notifications/${endpoint.id}`}
                  className="text-primary underline-offset-4 hover:underline"
                >
                  {endpoint.name}
                </Link>
                {endpoint.enabled ? null : <StatusChip tone="neutral" label="Disabled" />}
              </div>
            </TableCell>
            <TableCell className="max-w-64">
              <div className="text-xs text-muted-foreground">{kindLabel(endpoint.kind)}</div>
              <div className="break-all">{endpoint.url ?? endpoint.recipients.join(", ")}</div>
            </TableCell>
            <TableCell className="max-w-48 whitespace-normal">
              {endpoint.eventTypes.map(eventTypeLabel).join(", ")}
            </TableCell>
            <TableCell>
              {endpoint.lastDelivery ? (
                <div className="grid gap-1">
                  <DeliveryStatus status={endpoint.lastDelivery.status} />
                  <span className="text-xs text-muted-foreground">{when(endpoint.lastDelivery.createdAt)}</span>
                </div>
              ) : (
                "None yet"
              )}
            </TableCell>
            <TableCell className="text-right">
              <div className="flex justify-end gap-2">
                <SendTestButton endpoint={endpoint} />
                <EndpointRowActions endpoint={endpoint as EditableEndpoint} />
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

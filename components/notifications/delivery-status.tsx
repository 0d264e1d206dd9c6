import { StatusChip } from "@/components/ui/status-chip";

export function DeliveryStatus({ status }: { status: string }) {
  if (status === "delivered") return <StatusChip tone="success" label="Delivered" />;
  if (status === "failed") return <StatusChip tone="danger" label="Failed" />;
  return <StatusChip tone="progress" label="Queued" />;
}

export const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19) + " UTC";

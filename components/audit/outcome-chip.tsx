import { StatusChip } from "@/components/ui/status-chip";

export function OutcomeChip({ outcome }: { outcome: string }) {
  return outcome === "success" ? (
    <StatusChip tone="success" label="Success" />
  ) : (
    <StatusChip tone="danger" label="Failure" />
  );
}

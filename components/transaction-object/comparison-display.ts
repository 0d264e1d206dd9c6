import type { StatusTone } from "@/components/ui/status-chip";
import type { KeyComparison } from "@/lib/tenants/transaction-object";

/** Each key's comparison with GAX, as a chip: icon and words, never colour alone. */
export const comparisonDisplay: Record<KeyComparison, { tone: StatusTone; label: string }> = {
  same: { tone: "success", label: "Same" },
  differs: { tone: "warning", label: "Differs" },
  missing: { tone: "danger", label: "Missing" },
  extra: { tone: "info", label: "Extra" },
  unknown: { tone: "neutral", label: "Not compared" },
};

import type { StatusTone } from "@/components/ui/status-chip";
import type { StageStatus } from "@/lib/tenants/certificate-page";

export const rotationStatusDisplay: Record<string, { tone: StatusTone; label: string }> = {
  running: { tone: "progress", label: "Running" },
  succeeded: { tone: "success", label: "Succeeded" },
  failed: { tone: "danger", label: "Failed: resumable" },
  superseded: { tone: "neutral", label: "Superseded" },
};

export const stageStatusDisplay: Record<StageStatus, { tone: StatusTone; label: string }> = {
  succeeded: { tone: "success", label: "Done" },
  running: { tone: "progress", label: "Running" },
  failed: { tone: "danger", label: "Failed" },
  pending: { tone: "neutral", label: "Waiting" },
  "not-run": { tone: "neutral", label: "Not run" },
};

/** A fingerprint shortened for tables; the full value is in the title and for screen readers. */
export const shortFingerprint = (fingerprint: string) =>
  fingerprint.length > 23 ? `${fingerprint.slice(0, 23)}…` : fingerprint;

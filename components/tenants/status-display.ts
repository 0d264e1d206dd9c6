import type { StatusTone } from "@/components/ui/status-chip";
import type { CertificateExpiry } from "@/lib/tenants/overview-certificate";
import type { Serialized } from "@/lib/utils/serialized";
import type { StepStatus, TenantStatus } from "@/lib/tenants/statuses";

export const stepStatusDisplay: Record<StepStatus | "partial", { tone: StatusTone; label: string }> = {
  "not-started": { tone: "neutral", label: "Not started" },
  running: { tone: "progress", label: "Running" },
  done: { tone: "success", label: "Done" },
  failed: { tone: "danger", label: "Failed" },
  "needs-input": { tone: "warning", label: "Needs input" },
  drifted: { tone: "warning", label: "Drifted" },
  "not-needed": { tone: "neutral", label: "Not needed" },
  partial: { tone: "info", label: "In progress" },
};

export const tenantStatusDisplay: Record<TenantStatus, { tone: StatusTone; label: string }> = {
  "not-started": { tone: "neutral", label: "Not started" },
  "in-progress": { tone: "info", label: "In progress" },
  running: { tone: "progress", label: "Running" },
  failed: { tone: "danger", label: "Failed" },
  "needs-input": { tone: "warning", label: "Needs input" },
  done: { tone: "success", label: "Provisioned" },
};

/** The tenant's status with its drift: "Provisioned · 3 drifted" (a warning: provisioned, but not as applied). */
export function tenantSummaryDisplay(summary: { status: TenantStatus; driftedSteps: number }): {
  tone: StatusTone;
  label: string;
} {
  const display = tenantStatusDisplay[summary.status];
  if (summary.driftedSteps === 0) return display;
  const tone = summary.status === "done" ? "warning" : display.tone;
  return { tone, label: `${display.label} · ${summary.driftedSteps} drifted` };
}

export const runStatusDisplay: Record<string, { tone: StatusTone; label: string }> = {
  queued: { tone: "progress", label: "Queued" },
  running: { tone: "progress", label: "Running" },
  succeeded: { tone: "success", label: "Succeeded" },
  failed: { tone: "danger", label: "Failed" },
  "needs-input": { tone: "warning", label: "Needs input" },
  abandoned: { tone: "warning", label: "Abandoned" },
  cancelled: { tone: "neutral", label: "Cancelled" },
};

/**
 * Progress in the checklist's terms: it numbers every step of the catalogue and marks the ones a tenant's services or
 * settings leave out, so "0 of 11 steps done · 1 not needed" adds up to its last number.
 */
export function stepProgressText({ done, total, notNeeded }: { done: number; total: number; notNeeded: number }) {
  return `${done} of ${total} steps done${notNeeded > 0 ? ` · ${notNeeded} not needed` : ""}`;
}

export const runModeLabel: Record<string, string> = { plan: "Plan", apply: "Apply", verify: "Verify" };

/** What a run does, in the words of a confirmation dialog. */
export const runModeEffect: Record<"plan" | "apply" | "verify", string> = {
  plan: "reads the live state in Genesys Cloud and Configuration Server and reports what Apply would change. Nothing is written.",
  apply:
    "creates or repairs the OAuth clients, identity provider, roles, key material and the hybrid_integration " +
    "transaction object, then runs the smoke test. Existing objects are found and reused; only differences are " +
    "written. A step that fails or needs input holds back only the steps that depend on it.",
  verify: "reads the live state and records any drift it finds. Nothing is written.",
};

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "Never";
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

/** The certificate column: a chip (icon + words) when the operator should act, plain text otherwise. */
export function certificateDisplay(certificate: CertificateExpiry | Serialized<CertificateExpiry>): {
  tone?: StatusTone;
  label: string;
  detail?: string;
} {
  const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;
  switch (certificate.state) {
    case "none":
      return { label: "No certificate yet" };
    case "expired":
      return {
        tone: "danger",
        label: "Expired",
        detail: certificate.daysAgo === 0 ? "today" : `${days(certificate.daysAgo)} ago`,
      };
    case "expiring":
      return {
        tone: "warning",
        label: `Expires soon: ${days(certificate.daysLeft)} left`,
        detail: formatDate(certificate.expiresAt),
      };
    case "valid":
      return { label: `${days(certificate.daysLeft)} left`, detail: formatDate(certificate.expiresAt) };
  }
}

export const formatDate = (value: Date | string) =>
  (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);

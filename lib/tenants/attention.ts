import type { CertificateExpiry } from "./overview-certificate";
import type { StepStatus } from "./statuses";

/** Something on the tenant's page the operator should act on; worst kinds first. */
export type AttentionKind = "failed" | "needs-input" | "drifted" | "certificate";

export interface AttentionItem {
  kind: AttentionKind;
  /** The step to go to; null for the certificate (its own page). */
  stepKey: string | null;
  title: string;
  /** In a few words: what is wrong. */
  detail: string;
}

/** What attention reads of a checklist step. */
export interface AttentionStep {
  key: string;
  title: string;
  status: StepStatus;
  verifyStatus: string | null;
  drift: readonly unknown[];
  lastStepRun: { status: string; operatorMessage: string | null } | null;
}

const KIND_ORDER: AttentionKind[] = ["failed", "needs-input", "drifted", "certificate"];
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function stepItem(step: AttentionStep): AttentionItem | undefined {
  const item = (kind: AttentionKind, detail: string) => ({ kind, stepKey: step.key, title: step.title, detail });
  const message = step.lastStepRun?.operatorMessage;
  switch (step.status) {
    case "failed":
      return item("failed", message ?? "Failed at its last run.");
    case "needs-input":
      return item("needs-input", message ?? "Waits for input only the operator can give.");
    case "drifted":
      return item(
        "drifted",
        step.verifyStatus === "missing"
          ? "Missing at the last verification."
          : `${plural(step.drift.length, "field")} differ${step.drift.length === 1 ? "s" : ""} from what was applied.`,
      );
    default:
      return undefined;
  }
}

function certificateItem(certificate: CertificateExpiry): AttentionItem | undefined {
  const item = (detail: string) => ({ kind: "certificate" as const, stepKey: null, title: "SAML certificate", detail });
  if (certificate.state === "expired")
    return item(
      certificate.daysAgo === 0
        ? "Expired today: rotate it."
        : `Expired ${plural(certificate.daysAgo, "day")} ago: rotate it.`,
    );
  if (certificate.state === "expiring") return item(`Expires in ${plural(certificate.daysLeft, "day")}: rotate it.`);
  return undefined;
}

/** Failures, steps waiting for input, drift and an expiring certificate, worst first, in checklist order within a kind. */
export function attentionOf(steps: readonly AttentionStep[], certificate: CertificateExpiry): AttentionItem[] {
  const items = [...steps.map(stepItem), certificateItem(certificate)].filter((item) => item !== undefined);
  return KIND_ORDER.flatMap((kind) => items.filter((item) => item.kind === kind));
}

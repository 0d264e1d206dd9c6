import Link from "next/link";
import { StatusChip, type StatusTone } from "@/components/ui/status-chip";
import type { AttentionItem, AttentionKind } from "@/lib/tenants/attention";

const kindDisplay: Record<AttentionKind, { tone: StatusTone; label: string }> = {
  failed: { tone: "danger", label: "Failed" },
  "needs-input": { tone: "warning", label: "Needs input" },
  drifted: { tone: "warning", label: "Drifted" },
  certificate: { tone: "warning", label: "Certificate" },
};

/** The top of the tenant's page: what needs the operator, each with a link to its step (or the certificate page). */
export function AttentionBanner({ tenantId, items }: { tenantId: string; items: AttentionItem[] }) {
  if (items.length === 0) return null;
  const danger = items.some((item) => item.kind === "failed");
  return (
    <section
      aria-labelledby="attention-title"
      data-testid="attention-banner"
      className={
        danger
          ? "grid gap-2 rounded-lg border border-danger/30 bg-danger-soft px-4 py-3 text-sm text-danger-soft-foreground"
          : "grid gap-2 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-warning-soft-foreground"
      }
    >
      <h2 id="attention-title" className="font-semibold">
        Needs attention: {items.length} {items.length === 1 ? "item" : "items"}
      </h2>
      <ul className="grid gap-1.5">
        {items.map((item) => {
          const href = item.stepKey ? `#step-${item.stepKey}` : `/tenants/${tenantId}/certificate`;
          return (
            <li
              key={`${item.kind}-${item.stepKey ?? "certificate"}`}
              data-kind={item.kind}
              className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-1"
            >
              <StatusChip {...kindDisplay[item.kind]} />
              <Link href={href} className="font-medium underline">
                {item.title}
              </Link>
              <span className="min-w-0 break-words">{item.detail}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

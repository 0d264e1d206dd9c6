import { formatDateTime } from "@/components/tenants/status-display";
import { Alert } from "@/components/ui/alert";
import { StatusChip } from "@/components/ui/status-chip";
import type { TransactionObjectView } from "@/lib/tenants/transaction-object";
import { comparisonDisplay } from "./comparison-display";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** How the object compares with GAX right now, or why it could not be compared and what to check. */
export function LiveStatus({ view }: { view: TransactionObjectView }) {
  const { live, counts } = view;
  if (live.status === "unavailable") {
    return (
      <Alert variant="error" title="Could not compare with GAX" data-testid="live-status" data-status="unavailable">
        <p>{live.message}</p>
        <p className="mt-2 font-medium">Check that:</p>
        <ul className="list-inside list-disc">
          {live.checks.map((check) => (
            <li key={check}>{check}</li>
          ))}
        </ul>
        <p className="mt-2">
          The options below are what the provisioner writes; their state in GAX is unknown until it answers.
        </p>
      </Alert>
    );
  }
  if (live.status === "not-compared") return null;
  const owned = counts.same + counts.differs + counts.missing;
  const inSync = counts.differs + counts.missing === 0 && live.attributeChanges.length === 0;
  return (
    <div
      className="grid gap-2"
      data-testid="live-status"
      data-status={inSync ? "same" : "different"}
      aria-live="polite"
    >
      {live.objectMissing ? (
        <Alert variant="warning" title={`GAX has no hybrid_integration in tenant ${live.gaxTenant} yet`}>
          Apply the &quot;Transaction object&quot; step on the checklist to create it, or enter it by hand from the
          printable page.
        </Alert>
      ) : inSync ? (
        <Alert variant="success" title="GAX holds exactly these values">
          All {plural(owned, "option")} the provisioner owns are the same in tenant {live.gaxTenant}.
        </Alert>
      ) : (
        <Alert variant="warning" title="GAX differs from what the provisioner writes">
          Apply the &quot;Transaction object&quot; step on the checklist to write the values below; options that are not
          the provisioner&apos;s stay as they are.
          {live.attributeChanges.map((change) => (
            <span key={change.attribute} className="block">
              The object&apos;s {change.attribute} is {change.from}; Apply sets it to {change.to}.
            </span>
          ))}
        </Alert>
      )}
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {(["same", "differs", "missing", "extra"] as const).map((comparison) => (
          <StatusChip
            key={comparison}
            tone={comparisonDisplay[comparison].tone}
            label={`${counts[comparison]} ${comparisonDisplay[comparison].label.toLowerCase()}`}
          />
        ))}
        <span className="text-muted-foreground">Compared {formatDateTime(live.comparedAt)}</span>
      </p>
    </div>
  );
}

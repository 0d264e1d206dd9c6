import { formatDateTime } from "@/components/tenants/status-display";
import type { ChecklistPlan } from "@/lib/tenants/checklist";

const SECRET_MASK = "********";

function summaryOf(plan: ChecklistPlan): string {
  const fields = `${plan.changes.length} field${plan.changes.length === 1 ? "" : "s"}`;
  switch (plan.action) {
    case "create":
      return plan.changes.length ? `Apply will create it, setting ${fields}.` : "Apply will create it.";
    case "update":
      return `Apply will change ${fields}.`;
    case "none":
      return "Nothing to do: it already matches.";
    case "check":
      return "Apply runs its check; nothing is changed.";
    case "pending":
      return `Waiting for ${plan.waitingFor.join(", ") || "earlier steps"}: apply ${plan.waitingFor.length === 1 ? "it" : "them"} first, then plan again to see the changes.`;
  }
}

function Value({ value }: { value: string }) {
  if (value === "") return <span className="text-muted-foreground">not set</span>;
  if (value === SECRET_MASK)
    return (
      <span title="Secret: masked">
        {value}
        <span className="sr-only"> (secret, masked)</span>
      </span>
    );
  return <>{value}</>;
}

/** The step's last plan as a readable diff (field, what is there now, what Apply leaves there), and its notices. */
export function StepPlan({ stepKey, plan }: { stepKey: string; plan: ChecklistPlan }) {
  const headingId = `plan-${stepKey}`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="step-plan"
      data-action={plan.action}
      className="grid gap-1 rounded-md border border-info/30 bg-info-soft/40 p-3"
    >
      <h3 id={headingId} className="font-medium">
        What Apply will do
      </h3>
      <p>
        {summaryOf(plan)}
        {plan.plannedAt ? (
          <span className="text-muted-foreground"> Planned {formatDateTime(plan.plannedAt)}.</span>
        ) : null}
      </p>
      {plan.changes.length ? (
        <div className="overflow-x-auto">
          <table className="mt-1 w-full text-left text-xs">
            <caption className="sr-only">Changes Apply will make: field, value now, value after Apply</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-2 font-medium">
                  Field
                </th>
                <th scope="col" className="pr-2 font-medium">
                  Now
                </th>
                <th scope="col" className="font-medium">
                  After
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((change) => (
                <tr key={change.field} className="align-top">
                  <th scope="row" className="pr-2 font-mono font-normal">
                    {change.field}
                  </th>
                  <td className="pr-2 font-mono break-all">
                    <del className="no-underline">
                      <Value value={change.actual} />
                    </del>
                  </td>
                  <td className="font-mono break-all">
                    <ins className="no-underline">
                      <Value value={change.expected} />
                    </ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {plan.notices.length ? (
        <div className="mt-1">
          <h4 id={`${headingId}-notices`} className="font-medium">
            Before you apply
          </h4>
          <ul aria-labelledby={`${headingId}-notices`} className="list-inside list-disc">
            {plan.notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

import type { ChecklistStep } from "@/lib/tenants/checklist";

/**
 * For the Apply all confirmation: per step that applies, what Apply does in the customer's org beyond its own
 * objects and the notices of its last plan. Nothing when no step has any.
 */
type SummarizedStep = Pick<ChecklistStep, "key" | "title" | "applies" | "sideEffects" | "plan">;

export function ApplyAllSummary({ steps }: { steps: SummarizedStep[] }) {
  const said = steps.filter((step) => step.applies && step.sideEffects.length + (step.plan?.notices.length ?? 0) > 0);
  if (said.length === 0) return null;
  return (
    <section aria-labelledby="apply-all-side-effects" className="grid gap-2 text-sm" data-testid="apply-all-summary">
      <h3 id="apply-all-side-effects" className="font-medium">
        Apply also changes the org
      </h3>
      <ul className="grid gap-2">
        {said.map((step) => (
          <li key={step.key} data-step={step.key}>
            <span className="font-medium">{step.title}</span>
            <ul className="list-inside list-disc text-muted-foreground">
              {step.sideEffects.map((item) => (
                <li key={item}>{item}</li>
              ))}
              {(step.plan?.notices ?? []).map((notice) => (
                <li key={`note-${notice}`}>Note: {notice}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

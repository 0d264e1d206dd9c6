import type { ChecklistStep } from "@/lib/tenants/checklist";

type SummarizedStep = Pick<ChecklistStep, "key" | "title" | "description" | "sideEffects" | "plan">;

/** For a single step's Apply confirmation: what it does, its last plan's size, and what it changes beyond itself. */
export function StepApplySummary({ step }: { step: SummarizedStep }) {
  const fields = step.plan?.changes.length ?? 0;
  const planned =
    step.plan && (step.plan.action === "create" || step.plan.action === "update")
      ? `The last plan found ${fields} field${fields === 1 ? "" : "s"} to ${step.plan.action === "create" ? "set" : "change"}.`
      : null;
  const warnings = [...step.sideEffects, ...(step.plan?.notices ?? []).map((notice) => `Note: ${notice}`)];
  return (
    <div className="grid gap-2" data-testid="step-apply-summary">
      <p>{step.description}</p>
      {planned ? <p>{planned}</p> : null}
      {warnings.length ? (
        <section aria-labelledby={`apply-step-effects-${step.key}`} className="grid gap-1">
          <h3 id={`apply-step-effects-${step.key}`} className="font-medium">
            Apply also changes the org
          </h3>
          <ul className="list-inside list-disc text-muted-foreground">
            {warnings.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** What applying a step does in the customer's org beyond its own objects: on the step card, before Apply. */
export function SideEffects({ stepKey, items }: { stepKey: string; items: string[] }) {
  if (items.length === 0) return null;
  const headingId = `side-effects-${stepKey}`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="step-side-effects"
      className="grid gap-1 rounded-md border border-warning/40 bg-warning-soft/40 p-3"
    >
      <h3 id={headingId} className="font-medium">
        Apply also changes the org
      </h3>
      <ul className="list-inside list-disc">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

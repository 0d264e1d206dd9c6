export type CorrelationId = { label: string; value: string };

const labels: Record<string, string> = {
  correlationId: "Correlation id",
  apiCorrelationIds: "Genesys Cloud correlation id",
  runId: "Run id",
};

/** The ids that tie an event to a run and to Genesys Cloud's own logs, when its details carry any. */
export function correlationIdsOf(details: unknown): CorrelationId[] {
  if (typeof details !== "object" || details === null || Array.isArray(details)) return [];
  const found: CorrelationId[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (!(key in labels) && !/correlation/i.test(key)) continue;
    const label = labels[key] ?? key;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) if (typeof item === "string" && item !== "") found.push({ label, value: item });
  }
  return found;
}

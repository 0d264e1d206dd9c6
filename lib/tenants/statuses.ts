// Plain lists (no imports) so client components can use them without pulling in the catalogue.
/** "needs-input": the step waits for something only the operator can give (e.g. a sample agent); not a failure. */
export const STEP_STATUSES = [
  "not-started",
  "running",
  "done",
  "failed",
  "needs-input",
  "drifted",
  "not-needed",
] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** "needs-input": a step waits for the operator's input and none failed. */
export const TENANT_STATUSES = ["not-started", "in-progress", "running", "failed", "needs-input", "done"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

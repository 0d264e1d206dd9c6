// Plain lists (no imports) so client components can use them without pulling in the catalogue.
export const STEP_STATUSES = ["not-started", "running", "done", "failed", "drifted", "not-needed"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const TENANT_STATUSES = ["not-started", "in-progress", "running", "failed", "done"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

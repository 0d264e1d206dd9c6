import { lineText, multilineText, secretText } from "@/lib/validation/text";
import { z } from "zod";

export const RUN_MODES = ["plan", "apply", "verify"] as const;
export type RunModeName = (typeof RUN_MODES)[number];

const mode = z.enum(RUN_MODES, { error: "must be plan, apply or verify" });

/** Bulk runs from the overview: at most one page of tenants at a time. */
export const bulkRunSchema = z.object({
  tenantIds: z
    .array(z.uuid("must be tenant ids"))
    .min(1, "select at least one tenant")
    .max(500, "select at most 500 tenants"),
  mode,
});

/** A run of one tenant, or of one of its steps. */
export const tenantRunSchema = z.object({
  tenantId: z.uuid("must be a tenant id"),
  mode,
  stepKey: z.string().min(1).max(100).optional(),
});

/** One registered tenant (delete). */
export const tenantRefSchema = z.object({ tenantId: z.uuid("must be a tenant id") }).strict();

/** A tenant form as sent; validateTenantInput checks it, naming every problem at once. */
export const tenantFormSchema = z.record(z.string(), z.unknown(), { error: "must be a form's fields" });

export const bootstrapCheckSchema = z.object({
  deploymentId: z.uuid("must be a deployment id").optional(),
  cfgTenantName: lineText(255).optional(),
  region: lineText(64).optional(),
  loginBaseUrl: z.string().max(2048, "must be at most 2048 characters").optional(),
  apiBaseUrl: z.string().max(2048, "must be at most 2048 characters").optional(),
  bootstrapClientId: lineText(255),
  bootstrapClientSecret: secretText(),
});

export const manualCompletionSchema = z.object({
  tenantId: z.uuid("must be a tenant id"),
  stepKey: z.string().min(1).max(100),
  values: z.record(z.string().max(100), z.union([multilineText(20_000), z.boolean()])),
});

/** Cancelling a queued or running run of a tenant. */
export const cancelRunSchema = z.object({
  tenantId: z.uuid("must be a tenant id"),
  runId: z.uuid("must be a run id"),
});

import { z } from "zod";
import { deploymentInputSchema, objectTenantChoiceSchema } from "@/lib/provisioning";

/**
 * The deployment form's input: the GAX URL must parse before the domain schema sees it, because that schema's
 * credentials check calls new URL() even on a value its URL check already refused (and would throw).
 */
export const deploymentFormSchema = z
  .looseObject({
    gaxBaseUrl: z
      .string()
      .trim()
      .refine((value) => URL.canParse(value), "must be an http(s) URL such as http://gax.example:8080"),
  })
  .pipe(deploymentInputSchema);

const deploymentId = z.uuid("must be a deployment id");

/** Detect again which tenant holds hybrid_integration in a single-tenant deployment. */
export const objectTenantDetectionSchema = z.object({ deploymentId }).strict();

/** Choose it: Environment, Resources, or detect (which detects at once). */
export const objectTenantChoiceFormSchema = z.object({ deploymentId, objectTenant: objectTenantChoiceSchema }).strict();

import { z } from "zod";
import { objectTenantChoiceSchema } from "@/lib/provisioning";

/**
 * A deployment form as sent: the domain (validateDeploymentInput, deploymentUpdateSchema) checks its fields, naming
 * every problem at once; `saveAnyway` saves it although GAX refused the sign-in (the operator's explicit choice).
 */
export const deploymentFormSchema = z.looseObject({
  saveAnyway: z.boolean("must be true or false").optional(),
});

const deploymentId = z.uuid("must be a deployment id");

/** One registered deployment: test its connection again, or delete it. */
export const deploymentRefSchema = z.object({ deploymentId }).strict();

/** Detect again which tenant holds hybrid_integration in a single-tenant deployment. */
export const objectTenantDetectionSchema = deploymentRefSchema;

/** Choose it: Environment, Resources, or detect (which detects at once). */
export const objectTenantChoiceFormSchema = z.object({ deploymentId, objectTenant: objectTenantChoiceSchema }).strict();

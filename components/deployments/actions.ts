"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { authorizedAction, type ActionContext } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { createDeployment, DETECT_OBJECT_TENANT, chooseObjectTenant, detectObjectTenant } from "@/lib/provisioning";
import {
  deploymentFormSchema,
  objectTenantChoiceFormSchema,
  objectTenantDetectionSchema,
} from "@/lib/tenants/deployment-form";

const MANAGE = "deployment.manage";

/** Registers a deployment; a single-tenant one's tenant is detected at once (it is saved whatever detection says). */
export const createDeploymentAction = authorizedAction(MANAGE, deploymentFormSchema, async (input, { audit }) => {
  const deployment = await createDeployment(getDb(), audit, input);
  const single = deployment.layout === "single-tenant";
  const objectTenant = single ? await detectObjectTenant(getDb(), audit, { deploymentId: deployment.id }) : null;
  revalidatePath("/deployments");
  return { id: deployment.id, name: deployment.name, objectTenant };
});

/** Asks GAX again which of Environment and Resources the single-tenant deployment has. */
async function detectAgain(input: z.infer<typeof objectTenantDetectionSchema>, { audit }: ActionContext) {
  const outcome = await detectObjectTenant(getDb(), audit, { deploymentId: input.deploymentId });
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  return outcome;
}

/** Sets the tenant that holds hybrid_integration; "detect" asks GAX at once. */
async function choose(input: z.infer<typeof objectTenantChoiceFormSchema>, { audit }: ActionContext) {
  const chosen = await chooseObjectTenant(getDb(), audit, {
    deploymentId: input.deploymentId,
    choice: input.objectTenant,
  });
  const detect = input.objectTenant === DETECT_OBJECT_TENANT;
  const outcome = detect ? await detectObjectTenant(getDb(), audit, { deploymentId: input.deploymentId }) : chosen;
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  return { ...outcome, renamedTenant: outcome.renamedTenant ?? chosen.renamedTenant };
}

export const detectObjectTenantAction = authorizedAction(MANAGE, objectTenantDetectionSchema, detectAgain);
export const chooseObjectTenantAction = authorizedAction(MANAGE, objectTenantChoiceFormSchema, choose);

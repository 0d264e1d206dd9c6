"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { authorizedAction, type ActionContext } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import {
  checkDeploymentConnection,
  chooseObjectTenant,
  deleteDeployment,
  DETECT_OBJECT_TENANT,
  detectObjectTenant,
  testGaxConnection,
  updateDeployment,
  validateDeploymentInput,
  type DeploymentInput,
  type DeploymentUpdate,
} from "@/lib/provisioning";
import {
  deploymentFormSchema,
  deploymentRefSchema,
  objectTenantChoiceFormSchema,
  objectTenantDetectionSchema,
} from "@/lib/tenants/deployment-form";
import { registerDeploymentDetected } from "@/lib/tenants/register-deployment";

const MANAGE = "deployment.manage";

const connectionResult = (check: { ok: boolean; message: string; checkedAt: Date }) => ({
  ok: check.ok,
  message: check.message,
  checkedAt: check.checkedAt.toISOString(),
});

/** Signs in to GAX with the form's settings without saving anything. */
export const testConnectionAction = authorizedAction(MANAGE, deploymentFormSchema, async (form) => {
  const { saveAnyway: _ignored, ...input } = form;
  return connectionResult(await testGaxConnection(await validateDeploymentInput(input)));
});

/**
 * Registers a deployment once GAX accepted a sign-in with its settings (or the operator saves anyway); a
 * single-tenant one's tenant is detected at once (it is saved whatever detection says).
 */
export const createDeploymentAction = authorizedAction(MANAGE, deploymentFormSchema, async (form, { audit }) => {
  const { deployment, connection, objectTenant } = await registerDeploymentDetected(
    getDb(),
    audit,
    form as DeploymentInput,
  );
  revalidatePath("/deployments");
  return { id: deployment.id, name: deployment.name, objectTenant, connection: connectionResult(connection) };
});

/** Edits a deployment; a change to how GAX is reached is signed in with first (or saved anyway). */
export const updateDeploymentAction = authorizedAction(MANAGE, deploymentFormSchema, async (form, { audit }) => {
  const { deployment } = await updateDeployment(getDb(), audit, form as DeploymentUpdate);
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  return { id: deployment.id, name: deployment.name };
});

/** Signs in to a registered deployment's GAX again; the result becomes its health. */
export const checkConnectionAction = authorizedAction(MANAGE, deploymentRefSchema, async (input, { audit }) => {
  const check = await checkDeploymentConnection(getDb(), audit, input);
  revalidatePath("/deployments");
  return connectionResult(check);
});

/** Deletes a deployment without tenants; its audit history stays. */
export const deleteDeploymentAction = authorizedAction(MANAGE, deploymentRefSchema, async (input, { audit }) => {
  await deleteDeployment(getDb(), audit, input);
  revalidatePath("/deployments");
  return { deleted: true };
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

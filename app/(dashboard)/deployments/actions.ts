"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { createDeployment, deploymentInputSchema } from "@/lib/provisioning/deployments";

export const createDeploymentAction = authorizedAction("deployment.manage", deploymentInputSchema, async (input, { audit }) => {
  const deployment = await createDeployment(getDb(), audit, input);
  revalidatePath("/deployments");
  return { id: deployment.id, name: deployment.name };
});

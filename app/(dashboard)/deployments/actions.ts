"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { createDeployment } from "@/lib/provisioning/deployments";
import { deploymentFormSchema } from "@/lib/tenants/deployment-form";

export const createDeploymentAction = authorizedAction("deployment.manage", deploymentFormSchema, async (input, { audit }) => {
  const deployment = await createDeployment(getDb(), audit, input);
  revalidatePath("/deployments");
  return { id: deployment.id, name: deployment.name };
});

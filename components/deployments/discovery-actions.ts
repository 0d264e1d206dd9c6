"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { discoveredFleetYaml } from "@/lib/fleet/discovered-fleet";
import { discoverTenants } from "@/lib/provisioning";
import { deploymentRefSchema } from "@/lib/tenants/deployment-form";
import { lineText } from "@/lib/validation/text";

/** Lists the deployment's tenants in GAX against the registered ones; anyone who may see deployments may look. */
export const discoverTenantsAction = authorizedAction("deployment.read", deploymentRefSchema, (input, { audit }) =>
  discoverTenants(getDb(), audit, input),
);

const discoveredFleetSchema = z
  .object({
    deploymentId: deploymentRefSchema.shape.deploymentId,
    tenants: z
      .array(z.object({ name: lineText(255), dbid: lineText(20), state: lineText(20) }).strict())
      .min(1, "select at least one tenant")
      .max(1000, "must be at most 1,000 tenants"),
  })
  .strict();

/** The selected discovered tenants as a fleet file to complete and import (those who may register tenants). */
export const discoveredFleetAction = authorizedAction("tenant.manage", discoveredFleetSchema, async (input) => ({
  yaml: await discoveredFleetYaml(getDb(), input),
}));

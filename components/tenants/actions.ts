"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRuns } from "@/lib/jobs/enqueue";
import { enqueueKeyPreparation } from "@/lib/jobs/key-preparation-jobs";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { createTenant, tenantInputSchema } from "@/lib/provisioning";
import { checkBootstrapCredentials } from "@/lib/tenants/bootstrap-check";
import { bootstrapCheckSchema, bulkRunSchema } from "@/lib/tenants/run-request";

export const checkBootstrapAction = authorizedAction("tenant.manage", bootstrapCheckSchema, async (input) =>
  checkBootstrapCredentials(input),
);

/** Saves a tenant only once its bootstrap credentials have been exchanged for a token. */
export const createTenantAction = authorizedAction("tenant.manage", tenantInputSchema, async (input, { audit }) => {
  const check = await checkBootstrapCredentials(input);
  if (!check.ok)
    throw new AppError("invalid_input", `The bootstrap credentials did not work: ${check.message}`, {
      bootstrapClientSecret: [check.message],
    });
  const tenant = await createTenant(getDb(), audit, input);
  // The tenant is saved either way: without a prepared key, its first apply generates one.
  await enqueueKeyPreparation(await getJobQueue(), tenant.id, audit).catch((error: unknown) =>
    console.error("[jobs] key preparation not queued:", error instanceof Error ? error.message : error),
  );
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  revalidatePath("/");
  return { id: tenant.id, cfgTenantName: tenant.cfgTenantName, orgName: check.orgName };
});

export const enqueueBulkRunsAction = authorizedAction("provisioning.run", bulkRunSchema, async (input, { audit }) => {
  const known = await getDb().tenant.count({ where: { id: { in: input.tenantIds } } });
  if (known !== new Set(input.tenantIds).size)
    throw new AppError("not_found", "Some of the selected tenants no longer exist. Reload the page and select again.");
  const queued = await enqueueRuns(await getJobQueue(), getDb(), {
    tenantIds: [...new Set(input.tenantIds)],
    mode: input.mode,
    audit,
  });
  revalidatePath("/tenants");
  revalidatePath("/");
  return { queued };
});

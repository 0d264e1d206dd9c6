"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRuns } from "@/lib/jobs/enqueue";
import { enqueueKeyPreparation } from "@/lib/jobs/key-preparation-jobs";
import { getJobQueue } from "@/lib/jobs/queue-client";
import {
  createTenant,
  deleteTenant,
  tenantUpdateInput,
  tenantUpdateSchema,
  updateTenant,
  validateTenantInput,
} from "@/lib/provisioning";
import { checkBootstrapCredentials } from "@/lib/tenants/bootstrap-check";
import { registrationWarnings } from "@/lib/tenants/registration-warnings";
import { bootstrapCheckSchema, bulkRunSchema, tenantFormSchema, tenantRefSchema } from "@/lib/tenants/run-request";
import { log } from "@/lib/observability/logger";

/** Tests the bootstrap credentials and says what to know before pairing (org paired elsewhere, tenant not in GAX). */
export const checkBootstrapAction = authorizedAction("tenant.manage", bootstrapCheckSchema, async (input) => {
  const check = await checkBootstrapCredentials(input);
  if (!check.ok) return check;
  const warnings = input.deploymentId
    ? await registrationWarnings(getDb(), { ...input, deploymentId: input.deploymentId, orgId: check.orgId })
    : [];
  return { ...check, warnings };
});

/**
 * Saves a tenant only once every field is valid (all problems named at once) and its bootstrap credentials have been
 * exchanged for a token; what it should know (warnings) comes back with the result.
 */
export const createTenantAction = authorizedAction("tenant.manage", tenantFormSchema, async (form, { audit }) => {
  const { input } = await validateTenantInput(getDb(), form);
  const check = await checkBootstrapCredentials(input);
  if (!check.ok)
    throw new AppError("invalid_input", `The bootstrap credentials did not work: ${check.message}`, {
      bootstrapClientSecret: [check.message],
    });
  const tenant = await createTenant(getDb(), audit, input);
  const warnings = await registrationWarnings(getDb(), { ...tenant, orgId: check.orgId, tenantId: tenant.id });
  // The tenant is saved either way: without a prepared key, its first apply generates one.
  await enqueueKeyPreparation(await getJobQueue(), tenant.id, audit).catch((error: unknown) =>
    log().error({ err: error, tenantId: tenant.id }, "key preparation not queued"),
  );
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  revalidatePath("/");
  return { id: tenant.id, cfgTenantName: tenant.cfgTenantName, orgName: check.orgName, warnings };
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

/** Saves an edit once every field is valid and the bootstrap credentials (the sealed secret, or a new one) work. */
export const updateTenantAction = authorizedAction("tenant.manage", tenantUpdateSchema, async (update, { audit }) => {
  const checked = await tenantUpdateInput(getDb(), update);
  const check = await checkBootstrapCredentials(checked.input);
  if (!check.ok)
    throw new AppError("invalid_input", `The bootstrap credentials did not work: ${check.message}`, {
      bootstrapClientSecret: [check.message],
    });
  const tenant = await updateTenant(getDb(), audit, checked);
  const warnings = await registrationWarnings(getDb(), { ...tenant, orgId: check.orgId, tenantId: tenant.id });
  revalidatePath(`/tenants/${tenant.id}`);
  revalidatePath("/tenants");
  return { id: tenant.id, cfgTenantName: tenant.cfgTenantName, warnings };
});

/** Deletes a tenant with nothing provisioned; its audit history stays. */
export const deleteTenantAction = authorizedAction("tenant.manage", tenantRefSchema, async (input, { audit }) => {
  await deleteTenant(getDb(), audit, input);
  revalidatePath("/tenants");
  revalidatePath("/deployments");
  revalidatePath("/");
  return { deleted: true };
});

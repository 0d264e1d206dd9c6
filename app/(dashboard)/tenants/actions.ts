"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { engineSettings, parseEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRun, enqueueRuns } from "@/lib/jobs/enqueue";
import { enqueueKeyPreparation } from "@/lib/jobs/key-preparation-jobs";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { findStep } from "@/lib/provisioning/catalogue";
import { completeStepManually } from "@/lib/provisioning/engine";
import { createTenant, tenantInputSchema } from "@/lib/provisioning/tenants";
import { checkBootstrapCredentials } from "@/lib/tenants/bootstrap-check";
import { manualFieldsOf, manualValuesFrom } from "@/lib/tenants/manual-fields";
import { bootstrapCheckSchema, bulkRunSchema, manualCompletionSchema, tenantRunSchema } from "@/lib/tenants/run-request";

export const checkBootstrapAction = authorizedAction("tenant.manage", bootstrapCheckSchema, async (input) => checkBootstrapCredentials(input));

/** Saves a tenant only once its bootstrap credentials have been exchanged for a token. */
export const createTenantAction = authorizedAction("tenant.manage", tenantInputSchema, async (input, { audit }) => {
  const check = await checkBootstrapCredentials(input);
  if (!check.ok) throw new AppError("invalid_input", `The bootstrap credentials did not work: ${check.message}`, { bootstrapClientSecret: [check.message] });
  const tenant = await createTenant(getDb(), audit, input);
  // The tenant is saved either way: without a prepared key, its first apply generates one.
  await enqueueKeyPreparation(await getJobQueue(), tenant.id, audit).catch((error: unknown) => console.error("[jobs] key preparation not queued:", error instanceof Error ? error.message : error));
  revalidatePath("/deployments");
  revalidatePath("/tenants");
  revalidatePath("/");
  return { id: tenant.id, cfgTenantName: tenant.cfgTenantName, orgName: check.orgName };
});

export const enqueueBulkRunsAction = authorizedAction("provisioning.run", bulkRunSchema, async (input, { audit }) => {
  const known = await getDb().tenant.count({ where: { id: { in: input.tenantIds } } });
  if (known !== new Set(input.tenantIds).size) throw new AppError("not_found", "Some of the selected tenants no longer exist. Reload the page and select again.");
  const queued = await enqueueRuns(await getJobQueue(), [...new Set(input.tenantIds)], input.mode, audit);
  revalidatePath("/tenants");
  revalidatePath("/");
  return { queued };
});

export const enqueueTenantRunAction = authorizedAction("provisioning.run", tenantRunSchema, async (input, { audit }) => {
  if (input.stepKey !== undefined && !findStep(input.stepKey)) throw new AppError("invalid_input", "This step is not in the catalogue.", { stepKey: ["is not a known step"] });
  if (!(await getDb().tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } }))) throw new AppError("not_found", "This tenant no longer exists.");
  await enqueueRun(await getJobQueue(), input, audit);
  revalidatePath(`/tenants/${input.tenantId}`);
  return { queued: true };
});

/** Manual completion runs at once (not queued): the operator waits for the check against live state. */
export const completeStepManuallyAction = authorizedAction("provisioning.run", manualCompletionSchema, async (input, { audit }) => {
  const step = findStep(input.stepKey);
  const fields = step ? manualFieldsOf(step) : null;
  if (!step || !fields) throw new AppError("invalid_input", "This step cannot be completed by hand.", { stepKey: ["has no manual completion"] });
  const report = await completeStepManually(input.tenantId, step.key, manualValuesFrom(fields, input.values), { db: getDb(), audit, ...engineSettings(parseEnv()) });
  const failure = report.steps[0]?.error;
  if (failure) throw new AppError("invalid_input", failure.message);
  revalidatePath(`/tenants/${input.tenantId}`);
  return { status: report.status };
});

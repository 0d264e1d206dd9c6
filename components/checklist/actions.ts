"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/action";
import { engineSettings, parseEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueRun } from "@/lib/jobs/enqueue";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { findStep, completeStepManually } from "@/lib/provisioning";
import { manualFieldsOf, manualValuesFrom } from "@/lib/tenants/manual-fields";
import { manualCompletionSchema, tenantRunSchema } from "@/lib/tenants/run-request";

export const enqueueTenantRunAction = authorizedAction(
  "provisioning.run",
  tenantRunSchema,
  async (input, { audit }) => {
    if (input.stepKey !== undefined && !findStep(input.stepKey))
      throw new AppError("invalid_input", "This step is not in the catalogue.", { stepKey: ["is not a known step"] });
    if (!(await getDb().tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } })))
      throw new AppError("not_found", "This tenant no longer exists.");
    await enqueueRun(await getJobQueue(), input, audit);
    revalidatePath(`/tenants/${input.tenantId}`);
    return { queued: true };
  },
);

/** Manual completion runs at once (not queued): the operator waits for the check against live state. */
export const completeStepManuallyAction = authorizedAction(
  "provisioning.run",
  manualCompletionSchema,
  async (input, { audit }) => {
    const step = findStep(input.stepKey);
    const fields = step ? manualFieldsOf(step) : null;
    if (!step || !fields)
      throw new AppError("invalid_input", "This step cannot be completed by hand.", {
        stepKey: ["has no manual completion"],
      });
    const report = await completeStepManually(
      { tenantId: input.tenantId, stepKey: step.key, values: manualValuesFrom(fields, input.values) },
      { db: getDb(), audit, ...engineSettings(parseEnv()) },
    );
    const failure = report.steps[0]?.error;
    if (failure) throw new AppError("invalid_input", failure.message);
    revalidatePath(`/tenants/${input.tenantId}`);
    return { status: report.status };
  },
);
